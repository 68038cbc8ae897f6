import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../../test/harness.ts';
import { auditCount, createReadyAccount, demoUnitIds } from '../../test/fixtures.ts';
import { addDays, todayInChina, weekdayOf, yearOf } from './calendar-date.ts';
import { packageCalendar } from './package-calendar.ts';
import { WorkingCalendar } from './working-calendar.ts';
import { computeDeadlines } from './compute-deadlines.ts';
import { calendarStatus } from './queries/calendar-status.ts';
import { loadCalendar } from './queries/load-calendar.ts';

let t: TestApp;
let admin: Client;
let handler: Client;
let adminA: Client;
const last = packageCalendar().lastYear;
// The first year the package has no data for: admins must enter it.
const next = last + 1;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  handler = await login(t.app, 'handler_a');
  const u = await demoUnitIds(admin);
  adminA = await createReadyAccount(t.app, admin, { username: 'admin_a', roles: [{ role: 'admin', unitId: u['青山镇'] }] });
});
afterAll(async () => t.close());

type Day = { date: string; kind: string; name: string | null; source: string; packageDay: { kind: string } | null };

describe('reading the calendar', () => {
  it('lists a year’s holidays and make-up days for any role, with their source', async () => {
    const res = await handler.get('/api/calendar?year=2024');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { year: number; isCovered: boolean; canManage: boolean; items: Day[] };
    expect(body).toMatchObject({ year: 2024, isCovered: true, canManage: false });
    const national = body.items.filter((d) => d.name === '国庆节');
    expect(national.map((d) => [d.date, d.kind])).toEqual([
      ['2024-09-29', 'workday'],
      ['2024-10-01', 'holiday'],
      ['2024-10-02', 'holiday'],
      ['2024-10-03', 'holiday'],
      ['2024-10-04', 'holiday'],
      ['2024-10-05', 'holiday'],
      ['2024-10-06', 'holiday'],
      ['2024-10-07', 'holiday'],
      ['2024-10-12', 'workday'],
    ]);
    expect(new Set(body.items.map((d) => d.source))).toEqual(new Set(['package']));
    expect((await admin.get('/api/calendar?year=2024')).json().canManage).toBe(true);
    expect((await adminA.get('/api/calendar?year=2024')).json().canManage).toBe(false);
  });

  it('shows this year when no year is given', async () => {
    expect((await handler.get('/api/calendar')).json().year).toBe(yearOf(todayInChina()));
  });

  it('reports coverage and, in the caller’s language, warns when the next 60 days are not covered', async () => {
    const zh = (await handler.get('/api/calendar/status')).json();
    const expected = calendarStatus(await loadCalendar(t.database.db), null, 'zh-CN', todayInChina());
    expect(zh).toEqual({ ...expected, canManage: false });
    if (!zh.coversNext60) {
      expect(zh.warning.message).toContain(zh.coveredThrough);
      const en = (await handler.get('/api/calendar/status', { 'accept-language': 'en-US' })).json();
      expect(en.warning.message).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('status with an injected today', () => {
  const calendar = new WorkingCalendar(packageCalendar());

  it('is quiet while the next 60 days are covered', () => {
    const s = calendarStatus(calendar, null, 'zh-CN', `${last}-06-01`);
    expect(s).toMatchObject({ coveredThrough: `${last}-12-31`, packageThrough: `${last}-12-31`, coversNext60: true, warning: null });
  });

  it('warns from 60 days before the end of coverage, in Chinese or English', () => {
    const zh = calendarStatus(calendar, null, 'zh-CN', `${last}-11-23`);
    expect(zh.coversNext60).toBe(false);
    expect(zh.warning).toEqual({ code: 'CALENDAR_NOT_COVERED', message: expect.stringContaining(`${next} 年节假日安排`) });
    const en = calendarStatus(calendar, null, 'en-US', `${last}-11-23`);
    expect(en.warning?.message).toContain(`the ${next} holidays`);
  });

  it('is quiet again once admins have entered next year’s holidays', () => {
    const declared = new WorkingCalendar(packageCalendar(), [{ date: `${next}-01-01`, kind: 'holiday', name: '元旦', nameEn: null, note: null, updatedAt: null }]);
    expect(calendarStatus(declared, null, 'zh-CN', `${last}-11-23`)).toMatchObject({ coveredThrough: `${next}-12-31`, coversNext60: true, warning: null });
  });
});

describe('admins’ overrides', () => {
  it('adds next year’s National Day and a make-up day; working days and deadlines follow at once', async () => {
    const before = await loadCalendar(t.database.db);
    expect(before.isWorkingDay(`${next}-10-04`)).toBe(weekdayOf(`${next}-10-04`) % 6 !== 0);
    let makeUp = addDays(`${next}-10-07`, 1);
    while (weekdayOf(makeUp) % 6 !== 0) makeUp = addDays(makeUp, 1);

    for (let d = 1; d <= 7; d++) {
      const res = await admin.request('PUT', `/api/calendar/days/${next}-10-0${d}`, { kind: 'holiday', name: '国庆节' });
      expect(res.statusCode, res.body).toBe(200);
    }
    const res = await admin.request('PUT', `/api/calendar/days/${makeUp}`, { kind: 'workday', name: '国庆节', note: '国办发明电' });
    expect(res.json()).toMatchObject({ date: makeUp, kind: 'workday', name: '国庆节', note: '国办发明电', source: 'override', packageDay: null });

    const year = (await handler.get(`/api/calendar?year=${next}`)).json();
    expect(year.isCovered).toBe(true);
    expect(year.items.map((d: Day) => d.date)).toEqual([...[1, 2, 3, 4, 5, 6, 7].map((d) => `${next}-10-0${d}`), makeUp].sort());

    // The cached calendar was forgotten by the commands: received on 7 October, an urgent matter
    // is due on the make-up day or the first weekday after the holiday, whichever comes first.
    const calendar = await loadCalendar(t.database.db);
    expect(calendar.isWorkingDay(`${next}-10-04`)).toBe(false);
    expect(calendar.isWorkingDay(makeUp)).toBe(true);
    let due = addDays(`${next}-10-07`, 1);
    while (weekdayOf(due) % 6 === 0 && due !== makeUp) due = addDays(due, 1);
    const d = computeDeadlines(calendar, new Date(`${next}-10-07T04:00:00Z`), 'urgent');
    expect(d.resolveBy.toISOString()).toBe(`${due}T15:59:59.999Z`);
    expect(d.isProvisional).toBe(false);

    const status = (await handler.get('/api/calendar/status')).json();
    expect(status.coveredThrough >= `${next}-12-31`).toBe(true);
  });

  it('corrects a built-in day, shows what it replaced, and removes the correction again', async () => {
    const set = await admin.request('PUT', '/api/calendar/days/2024-10-07', { kind: 'workday', name: '更正' });
    expect(set.json()).toMatchObject({ kind: 'workday', source: 'override', packageDay: { kind: 'holiday', name: '国庆节' } });
    expect((await loadCalendar(t.database.db)).addWorkingDays('2024-09-30', 1)).toBe('2024-10-07');
    const removed = await admin.request('DELETE', '/api/calendar/days/2024-10-07');
    expect(removed.statusCode).toBe(200);
    const day = (await admin.get('/api/calendar?year=2024')).json().items.find((d: Day) => d.date === '2024-10-07');
    expect(day).toMatchObject({ kind: 'holiday', source: 'package' });
    expect((await loadCalendar(t.database.db)).addWorkingDays('2024-09-30', 1)).toBe('2024-10-08');
    const again = await admin.request('DELETE', '/api/calendar/days/2024-10-07');
    expect(again.statusCode).toBe(404);
    expect(again.json().error).toMatchObject({ code: 'CALENDAR_NO_OVERRIDE', message: expect.stringContaining('2024-10-07') });
  });

  it('writes an audit row for each change, with the day before and after', async () => {
    const rows = (await admin.get('/api/audit?subjectType=calendar_day&subjectId=2024-10-07')).json().items;
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['calendar.remove', 'calendar.set']);
    expect(rows[1]).toMatchObject({ actorName: 'admin', before: null, after: { date: '2024-10-07', kind: 'workday', name: '更正', note: null } });
    expect(rows[0]).toMatchObject({ before: { kind: 'workday' }, after: null });
  });

  it('updates an override in place and records what it was', async () => {
    const date = `${next}-10-01`;
    await admin.request('PUT', `/api/calendar/days/${date}`, { kind: 'holiday', name: '国庆节', note: '已核对' });
    const [row] = (await admin.get(`/api/audit?subjectType=calendar_day&subjectId=${date}`)).json().items;
    expect(row).toMatchObject({ action: 'calendar.set', before: { note: null }, after: { note: '已核对' } });
  });
});

describe('who may change the calendar', () => {
  it('refuses a handler (403) and a township admin (403, the calendar is county-wide), and writes nothing', async () => {
    const before = await auditCount(admin);
    const h = await handler.request('PUT', '/api/calendar/days/2025-05-06', { kind: 'holiday' });
    expect(h.statusCode).toBe(403);
    expect(h.json().error.code).toBe('FORBIDDEN');
    expect((await handler.request('DELETE', `/api/calendar/days/${next}-10-01`)).statusCode).toBe(403);
    for (const req of [adminA.request('PUT', '/api/calendar/days/2025-05-06', { kind: 'holiday' }), adminA.request('DELETE', `/api/calendar/days/${next}-10-01`)]) {
      const a = await req;
      expect(a.statusCode).toBe(403);
      expect(a.json().error).toMatchObject({ code: 'CALENDAR_MANAGE_TOP_LEVEL', message: expect.stringContaining('最上级单位') });
    }
    expect((await loadCalendar(t.database.db)).isWorkingDay('2025-05-06')).toBe(true);
    expect(await auditCount(admin)).toBe(before);
  });
});

describe('bad input', () => {
  const cases: { name: string; method: 'GET' | 'PUT' | 'DELETE'; url: string; body?: unknown; field: string }[] = [
    { name: '30 February', method: 'PUT', url: '/api/calendar/days/2025-02-30', body: { kind: 'holiday' }, field: 'date' },
    { name: 'a date without leading zeros', method: 'PUT', url: '/api/calendar/days/2025-2-3', body: { kind: 'holiday' }, field: 'date' },
    { name: 'a date out of range', method: 'DELETE', url: '/api/calendar/days/1999-10-01', field: 'date' },
    { name: 'not a date', method: 'DELETE', url: '/api/calendar/days/tomorrow', field: 'date' },
    { name: 'an unknown kind', method: 'PUT', url: '/api/calendar/days/2025-05-06', body: { kind: 'weekend' }, field: 'kind' },
    { name: 'an unknown field', method: 'PUT', url: '/api/calendar/days/2025-05-06', body: { kind: 'holiday', isPaid: true }, field: 'isPaid' },
    { name: 'a year out of range', method: 'GET', url: '/api/calendar?year=1999', field: 'year' },
    { name: 'a year that is not a number', method: 'GET', url: '/api/calendar?year=next', field: 'year' },
  ];
  for (const c of cases) {
    it(`${c.name} → 400 naming the field, in either language`, async () => {
      const before = await auditCount(admin);
      for (const lang of ['zh-CN', 'en-US'] as const) {
        const res = await admin.request(c.method, c.url, c.body, { 'accept-language': lang });
        expect(res.statusCode, res.body).toBe(400);
        const err = res.json().error;
        expect(err.code).toBe('VALIDATION_FAILED');
        expect(Object.keys(err.fields)).toContain(c.field);
        if (lang === 'zh-CN') expect(err.fields[c.field]).toMatch(/[\u4e00-\u9fff]/);
        else expect(err.fields[c.field]).not.toMatch(/[\u4e00-\u9fff]/);
      }
      expect(await auditCount(admin)).toBe(before);
    });
  }

  it('explains what a date should look like', async () => {
    const res = await admin.request('PUT', '/api/calendar/days/2025-02-30', { kind: 'holiday' }, { 'accept-language': 'en-US' });
    expect(res.json().error.fields.date).toBe('A date must be a real day from 2000 to 2099, written YYYY-MM-DD, e.g. 2025-10-01.');
  });
});
