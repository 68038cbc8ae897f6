import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, login, type Client, type TestApp } from '../../test/harness.ts';
import { demoUnitIds } from '../../test/fixtures.ts';
import { queryRows } from '../../db/client.ts';
import { categories } from '../categories/tables.ts';
import { settings } from '../system/tables.ts';
import { jpegLike, multipartBody, solidPng, type TestFile } from './test-files.ts';
import { pruneIdempotencyKeys } from './commands/prune-idempotency-keys.ts';

// The citizen channel without an account: submit (JSON or with photos), look up, rate; every
// refusal a clear 4xx that changes nothing; the citizen view never shows what is not theirs.

let t: TestApp;
let admin: Client;
let operator: Client;
let handlerA: Client;
let units: Record<string, string>;
let categoryId: string;

function expectNo5xx(res: LightMyRequestResponse): LightMyRequestResponse {
  expect(res.statusCode, res.body).toBeLessThan(500);
  return res;
}

/** A request from a citizen's phone at `ip` (each test its own address, so rate limits stay apart). */
function citizen(ip: string) {
  // Whatever a citizen sends, the answer is never a server fault.
  const send = async (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    expectNo5xx(await t.app.inject({ method, url, remoteAddress: ip, headers, ...(payload !== undefined ? { payload: payload as object } : {}) }));
  return {
    get: (url: string, headers?: Record<string, string>) => send('GET', url, undefined, headers),
    post: (url: string, payload: unknown, headers?: Record<string, string>) => send('POST', url, payload, headers),
    submit: (body: unknown, headers: Record<string, string> = {}) => send('POST', '/api/public/matters', body, headers),
    submitWithPhotos: (body: unknown, files: TestFile[], headers: Record<string, string> = {}) => {
      const m = multipartBody({ data: JSON.stringify(body) }, files);
      return send('POST', '/api/public/matters', m.payload, { ...m.headers, ...headers });
    },
    lookup: (body: unknown) => send('POST', '/api/public/matters/lookup', body),
    rate: (body: unknown) => send('POST', '/api/public/matters/rate', body),
  };
}

let ipCounter = 0;
/** A fresh client address. */
const nextIp = () => `10.20.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

const demand = (extra: Record<string, unknown> = {}) => ({
  description: '青山村村口的路灯坏了一个多星期，晚上路过很黑，请尽快修理。',
  address: '青山村村口',
  petitioner: { name: '李秀英', phone: '139-1234-5678' },
  privacyAccepted: true,
  ...extra,
});

const count = async (table: string, where = sql`true`) => Number((await queryRows<{ n: string }>(t.database.db, sql`select count(*)::text as n from ${sql.raw(table)} where ${where}`))[0].n);
/** Rows of the tables a submission writes, to prove a refusal wrote nothing. */
const footprint = async () => ({ matters: await count('matters'), attachments: await count('matter_attachments'), events: await count('matter_events'), audit: await count('audit_log'), keys: await count('idempotency_keys') });


async function submitted(body: unknown = demand(), headers?: Record<string, string>): Promise<{ code: string; secret: string }> {
  const res = await citizen(nextIp()).submit(body, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function matterByCode(code: string) {
  const [row] = await queryRows<Record<string, unknown>>(t.database.db, sql`select * from matters where code = ${code}`);
  return row;
}

/** Dispatches to 青山镇, accepts as handler_a and replies; returns the matter id. */
async function replyTo(code: string, text = '已安排电工更换路灯，现已恢复照明。'): Promise<string> {
  const id = (await matterByCode(code)).id as string;
  const status = (await operator.get(`/api/matters/${id}`)).json().status;
  if (status === 'received') expect((await operator.post(`/api/matters/${id}/dispatch`, { unitId: units['青山镇'] })).statusCode).toBe(200);
  if (status !== 'in_progress') expect((await handlerA.post(`/api/matters/${id}/accept`, {})).statusCode).toBe(200);
  const r = await handlerA.post(`/api/matters/${id}/reply`, { text });
  expect(r.statusCode, r.body).toBe(200);
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  operator = await login(t.app, 'operator');
  handlerA = await login(t.app, 'handler_a');
  units = await demoUnitIds(admin);
  // Categories may not be seeded yet by the catalogue: add a small tree of our own.
  const db = t.database.db;
  const parent = crypto.randomUUID();
  categoryId = crypto.randomUUID();
  const retired = crypto.randomUUID();
  await db.insert(categories).values([
    { id: parent, code: 'T-CITY', name: '城乡建设（测试）', nameEn: 'Urban and rural construction (test)', level: 1, path: `/${parent}/`, sortOrder: 1 },
    { id: categoryId, parentId: parent, code: 'T-LIGHT', name: '路灯照明（测试）', nameEn: 'Street lighting (test)', level: 2, path: `/${parent}/${categoryId}/`, sortOrder: 1 },
    { id: retired, parentId: parent, code: 'T-OLD', name: '已停用分类（测试）', level: 2, path: `/${parent}/${retired}/`, sortOrder: 2, isActive: false },
  ]);
});
afterAll(async () => t.close());

describe('GET /api/public/categories', () => {
  it('answers the active tree without a session', async () => {
    const res = await citizen(nextIp()).get('/api/public/categories');
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json().items.find((c: { code: string }) => c.code === 'T-CITY');
    expect(mine).toMatchObject({ name: '城乡建设（测试）', nameEn: 'Urban and rural construction (test)' });
    expect(mine.children.map((c: { code: string }) => c.code)).toEqual(['T-LIGHT']);
  });
});

describe('POST /api/public/matters', () => {
  it('refuses a submission without the privacy acceptance, in the caller’s language, and stores nothing', async () => {
    const before = await footprint();
    const c = citizen(nextIp());
    for (const body of [demand({ privacyAccepted: undefined }), demand({ privacyAccepted: false }), demand({ privacyAccepted: 'yes' })]) {
      const zh = await c.submit(body);
      expect(zh.statusCode, zh.body).toBe(400);
      expect(zh.json().error.fields.privacyAccepted).toContain('个人信息保护说明');
      const en = await c.submit(body, { 'accept-language': 'en-US' });
      expect(en.json().error.fields.privacyAccepted).toContain('personal-data notice');
    }
    expect(await footprint()).toEqual(before);
  });

  it('refuses bad fields with a 400 naming each, and stores nothing', async () => {
    const before = await footprint();
    const c = citizen(nextIp());
    const cases: [Record<string, unknown>, string][] = [
      [demand({ description: '' }), 'description'],
      [demand({ categoryId: 'lamps' }), 'categoryId'],
      [demand({ petitioner: { phone: 'call me' } }), 'petitioner.phone'],
      [demand({ petitioner: { idNumber: '110101199003071234' } }), 'petitioner.idNumber'],
      [demand({ urgency: 'urgent' }), 'urgency'],
      [demand({ latitude: 123 }), 'latitude'],
    ];
    for (const [body, field] of cases) {
      const res = await c.submit(body);
      expect(res.statusCode, res.body).toBe(400);
      expect(Object.keys(res.json().error.fields)).toContain(field);
    }
    // A category that does not exist or was retired.
    const gone = await c.submit(demand({ categoryId: crypto.randomUUID() }));
    expect(gone.statusCode).toBe(400);
    expect(gone.json().error.fields.categoryId).toBeTruthy();
    expect(await footprint()).toEqual(before);
  });

  it('takes a demand in without an account: code and secret, hashed secret, encrypted phone, derived title, intake at the root', async () => {
    const c = citizen(nextIp());
    const description = '青山村村口的三盏路灯坏了一个多星期，晚上路过很黑，老人孩子出行很不方便，请尽快修理。\n谢谢！';
    const res = await c.submit(demand({ categoryId, description }));
    expect(res.statusCode, res.body).toBe(201);
    const { code, secret } = res.json();
    expect(code).toMatch(/^JC\d{8}-\d{6}$/);
    expect(secret).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    const row = await matterByCode(code);
    expect(row).toMatchObject({ kind: 'demand', origin: 'web', urgency: 'normal', status: 'received', intake_unit_id: units['示范县'], category_id: categoryId, address: '青山村村口' });
    expect(row.title).toBe('青山村村口的三盏路灯坏了一个多星期，晚上路过很黑，老人孩子出…');
    expect(row.description).toBe(description);
    expect(row.lookup_secret_hash).toBe(crypto.createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(String(row.petitioner_phone_enc)).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toMatch(/1234-5678|李秀英/);
    const [event] = await queryRows<{ action: string; actor_name: string; actor_account_id: string | null }>(t.database.db, sql`select * from matter_events where matter_id = ${row.id}`);
    expect(event).toMatchObject({ action: 'create', actor_name: '群众', actor_account_id: null });
    const [audit] = await queryRows<{ actor_name: string; ip: string }>(t.database.db, sql`select * from audit_log where subject_id = ${row.id}`);
    expect(audit).toMatchObject({ actor_name: 'citizen' });
    // The hotline sees it in its intake queue.
    expect((await operator.get(`/api/matters/${row.id}`)).json()).toMatchObject({ status: 'received', origin: 'web', petitioner: { phone: '139****5678' } });
  });

  it('takes the title given, an anonymous demand, and acts as the citizen even for a logged-in browser', async () => {
    const anon = await submitted({ title: '河口村垃圾清运', description: '河口村垃圾桶满了没人清运。', privacyAccepted: true });
    expect((await matterByCode(anon.code)).title).toBe('河口村垃圾清运');
    const res = await t.app.inject({ method: 'POST', url: '/api/public/matters', remoteAddress: nextIp(), headers: { cookie: operator.cookie }, payload: demand() });
    expect(res.statusCode, res.body).toBe(201);
    const [event] = await queryRows<{ actor_name: string; actor_account_id: string | null }>(t.database.db, sql`select e.* from matter_events e join matters m on m.id = e.matter_id where m.code = ${res.json().code}`);
    expect(event).toMatchObject({ actor_name: '群众', actor_account_id: null });
  });

  it('delivers to the unit named by the public_intake_unit_id setting', async () => {
    await t.database.db.insert(settings).values({ key: 'public_intake_unit_id', value: units['青山镇'] });
    try {
      const { code } = await submitted();
      expect((await matterByCode(code)).intake_unit_id).toBe(units['青山镇']);
    } finally {
      await t.database.db.delete(settings).where(sql`key = 'public_intake_unit_id'`);
    }
  });

  it('stores up to five photos with the matter, judged by content', async () => {
    const res = await citizen(nextIp()).submitWithPhotos(demand(), [
      { field: 'photos', name: '路灯.png', type: 'image/png', data: solidPng(8, [200, 30, 30]) },
      // A JPEG sent with a wrong declared type and name is still a JPEG.
      { field: 'photos', name: 'IMG_0001', type: 'application/octet-stream', data: jpegLike() },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const row = await matterByCode(res.json().code);
    const files = await queryRows<{ source: string; visible_to_citizen: boolean; file_name: string; content_type: string; size: number }>(
      t.database.db,
      sql`select source, visible_to_citizen, file_name, content_type, size from matter_attachments where matter_id = ${row.id} order by file_name`,
    );
    expect(files).toEqual([
      { source: 'citizen', visible_to_citizen: true, file_name: 'IMG_0001.jpg', content_type: 'image/jpeg', size: 2048 },
      { source: 'citizen', visible_to_citizen: true, file_name: '路灯.png', content_type: 'image/png', size: expect.any(Number) },
    ]);
    const events = await queryRows<{ action: string }>(t.database.db, sql`select action from matter_events where matter_id = ${row.id} order by id`);
    expect(events.map((e) => e.action)).toEqual(['create', 'attach']);
  });

  it('refuses an oversize photo, a text file renamed .jpg, six photos, a bad data field — and stores nothing', async () => {
    const before = await footprint();
    const c = citizen(nextIp());
    const png = (name: string): TestFile => ({ field: 'photos', name, type: 'image/png', data: solidPng(4, [0, 0, 0]) });

    const big = Buffer.concat([jpegLike(), Buffer.alloc(5 * 1024 * 1024)]);
    const oversize = await c.submitWithPhotos(demand(), [png('a.png'), { field: 'photos', name: 'big.jpg', type: 'image/jpeg', data: big }]);
    expect(oversize.statusCode, oversize.body).toBe(413);
    expect(oversize.json().error).toMatchObject({ code: 'PHOTO_TOO_LARGE' });
    expect(oversize.json().error.message).toContain('big.jpg');
    expect(oversize.json().error.message).toContain('5 MB');

    const text = await c.submitWithPhotos(demand(), [png('a.png'), { field: 'photos', name: 'photo.jpg', type: 'image/jpeg', data: Buffer.from('这不是照片，只是一段文字。\n') }]);
    expect(text.statusCode, text.body).toBe(400);
    expect(text.json().error).toMatchObject({ code: 'PHOTO_TYPE' });
    expect(text.json().error.message).toContain('photo.jpg');

    const html = await c.submitWithPhotos(demand(), [{ field: 'photos', name: 'x.png', type: 'image/png', data: Buffer.from('<svg onload="alert(1)"></svg>') }]);
    expect(html.json().error.code).toBe('PHOTO_TYPE');

    const six = await c.submitWithPhotos(demand(), ['1', '2', '3', '4', '5', '6'].map((n) => png(`${n}.png`)));
    expect(six.statusCode, six.body).toBe(400);
    expect(six.json().error).toMatchObject({ code: 'PHOTO_TOO_MANY' });
    expect(six.json().error.message).toContain('5');

    const noPrivacy = await c.submitWithPhotos(demand({ privacyAccepted: false }), [png('a.png')]);
    expect(noPrivacy.statusCode).toBe(400);
    expect(noPrivacy.json().error.fields.privacyAccepted).toBeTruthy();

    const m1 = multipartBody({ data: '{"description": "坏了' }, [png('a.png')]);
    expect((await c.post('/api/public/matters', m1.payload, m1.headers)).statusCode).toBe(400);
    const m2 = multipartBody({}, [png('a.png')]);
    expect((await c.post('/api/public/matters', m2.payload, m2.headers)).json().error.code).toBe('UPLOAD_BAD_FORM');
    const m3 = multipartBody({ data: JSON.stringify(demand()) }, [{ ...png('a.png'), field: 'attachment' }]);
    expect((await c.post('/api/public/matters', m3.payload, m3.headers)).json().error.code).toBe('UPLOAD_BAD_FORM');
    expect(await footprint()).toEqual(before);
  });

  it('answers a retried submission with the same Idempotency-Key with the first result, and stores one matter', async () => {
    const key = crypto.randomUUID();
    const before = await count('matters');
    const first = await citizen(nextIp()).submit(demand(), { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(201);
    // The retry comes from another address (the phone moved from Wi-Fi to mobile data).
    const retry = await citizen(nextIp()).submit(demand(), { 'idempotency-key': key });
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await count('matters')).toBe(before + 1);
    // The remembered answer does not hold the secret in clear.
    const [row] = await queryRows<{ response: unknown }>(t.database.db, sql`select response from idempotency_keys where key = ${key}`);
    expect(JSON.stringify(row.response)).not.toContain(first.json().secret);
  });

  it('answers 422 for the same key with a different body, and changes nothing', async () => {
    const key = crypto.randomUUID();
    await submitted(demand(), { 'idempotency-key': key });
    const before = await footprint();
    const res = await citizen(nextIp()).submit(demand({ description: '另一件事：河口村自来水停了两天。' }), { 'idempotency-key': key });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(res.json().error.message).toContain('Idempotency-Key');
    expect(await footprint()).toEqual(before);
    const bad = await citizen(nextIp()).submit(demand(), { 'idempotency-key': 'x' });
    expect(bad.statusCode).toBe(400);
    expect(await footprint()).toEqual(before);
  });

  it('makes one matter of a double tap (two requests with one key at once), with photos stored once', async () => {
    const key = crypto.randomUUID();
    const before = await footprint();
    const files = [{ field: 'photos', name: 'a.png', type: 'image/png', data: solidPng(4, [9, 9, 9]) }];
    const [a, b] = await Promise.all([citizen(nextIp()).submitWithPhotos(demand(), files, { 'idempotency-key': key }), citizen(nextIp()).submitWithPhotos(demand(), files, { 'idempotency-key': key })]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json()).toEqual(b.json());
    const after = await footprint();
    expect(after.matters).toBe(before.matters + 1);
    expect(after.attachments).toBe(before.attachments + 1);
    expect(after.keys).toBe(before.keys + 1);
  });

  it('limits submissions per address (429 in the caller’s language); another address is not affected', async () => {
    const ip = nextIp();
    const c = citizen(ip);
    for (let i = 0; i < 10; i++) expect((await c.submit(demand())).statusCode).toBe(201);
    const before = await footprint();
    const zh = await c.submit(demand());
    expect(zh.statusCode).toBe(429);
    expect(zh.json().error).toMatchObject({ code: 'CITIZEN_SUBMIT_LIMIT' });
    expect(zh.json().error.message).toContain('10 分钟');
    const en = await c.submit(demand(), { 'accept-language': 'en' });
    expect(en.json().error.message).toContain('10 minutes');
    expect(await footprint()).toEqual(before);
    expect((await citizen(nextIp()).submit(demand())).statusCode).toBe(201);
  });
});

describe('POST /api/public/matters/lookup', () => {
  it('finds the matter with the code and the secret or the last 4 digits of the phone', async () => {
    const { code, secret } = await submitted(demand({ categoryId }));
    const c = citizen(nextIp());
    const bySecret = await c.lookup({ code, secret });
    expect(bySecret.statusCode, bySecret.body).toBe(200);
    expect(bySecret.json()).toMatchObject({ code, status: 'received', isMerged: false, canRate: false, category: { name: '路灯照明（测试）' }, replyText: null, rating: null, unitName: null });
    expect(bySecret.json().timeline).toEqual([{ at: expect.any(String), action: 'create', status: 'received' }]);
    // Typed the way people do: lower case, with a hyphen in the middle.
    const typed = `${secret.slice(0, 4)}-${secret.slice(4)}`.toLowerCase();
    expect((await c.lookup({ code: code.toLowerCase(), secret: typed })).statusCode).toBe(200);
    const byPhone = await c.lookup({ code, phoneLast4: '5678' });
    expect(byPhone.statusCode, byPhone.body).toBe(200);
    expect(byPhone.json()).toEqual(bySecret.json());
  });

  it('answers a wrong secret, wrong digits and an unknown code with the same 404', async () => {
    const { code, secret } = await submitted();
    const c = citizen(nextIp());
    const wrongSecret = await c.lookup({ code, secret: secret === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA' });
    const wrongDigits = await c.lookup({ code, phoneLast4: '0000' });
    const unknown = await c.lookup({ code: 'JC20000101-999999', secret });
    for (const res of [wrongSecret, wrongDigits, unknown]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('CITIZEN_LOOKUP_FAILED');
    }
    expect(wrongSecret.body).toBe(unknown.body);
    // An anonymous matter has no phone: no four digits open it.
    const anon = await submitted({ description: '河口村路口积水严重。', privacyAccepted: true });
    expect((await c.lookup({ code: anon.code, phoneLast4: '0000' })).statusCode).toBe(404);
  });

  it('refuses both or neither credential, and bad digits, with 400', async () => {
    const { code, secret } = await submitted();
    const c = citizen(nextIp());
    for (const body of [{ code, secret, phoneLast4: '5678' }, { code }, { code, phoneLast4: '56' }, { code, secret, extra: 1 }]) {
      const res = await c.lookup(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('closes the phone route of a code after 10 wrong digits, while the secret keeps working', async () => {
    const { code, secret } = await submitted();
    for (let i = 0; i < 10; i++) expect((await citizen(nextIp()).lookup({ code, phoneLast4: String(1000 + i) })).statusCode).toBe(404);
    const locked = await citizen(nextIp()).lookup({ code, phoneLast4: '5678' });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('CITIZEN_PHONE_LOCKED');
    expect((await citizen(nextIp()).lookup({ code, secret })).statusCode).toBe(200);
  });

  it('limits look-ups per address', async () => {
    const { code, secret } = await submitted();
    const c = citizen(nextIp());
    for (let i = 0; i < 30; i++) expect((await c.lookup({ code, secret })).statusCode).toBe(200);
    const res = await c.lookup({ code, secret });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('CITIZEN_LOOKUP_LIMIT');
  });

  it('shows status changes, the responsible unit and the reply — never notes, staff names, petitioner data or files of staff', async () => {
    const { code, secret } = await submitted(demand({ categoryId }));
    const id = (await matterByCode(code)).id as string;
    // Internal things that must not reach the citizen: a note, a staff file, the handler's name.
    await t.database.db.execute(sql`insert into matter_notes (matter_id, author_name, body) values (${id}, '内部人员甲', '内部备注：此人多次来访，注意方式方法')`);
    const pdf = multipartBody({}, [{ field: 'file', name: '内部处理意见.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') }]);
    expect((await t.app.inject({ method: 'POST', url: `/api/matters/${id}/attachments`, headers: { cookie: operator.cookie, 'x-csrf-token': operator.csrfToken, ...pdf.headers }, payload: pdf.payload })).statusCode).toBe(201);
    await replyTo(code);
    const res = await citizen(nextIp()).lookup({ code, secret });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(Object.keys(view).sort()).toEqual(
      ['address', 'canRate', 'category', 'code', 'createdAt', 'description', 'isMerged', 'photos', 'rating', 'repliedAt', 'replyText', 'resolveBy', 'status', 'timeline', 'title', 'unitName'].sort(),
    );
    expect(view).toMatchObject({ status: 'replied', unitName: '青山镇', replyText: '已安排电工更换路灯，现已恢复照明。', canRate: true });
    expect(view.resolveBy).toBeTruthy();
    expect(view.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'dispatch', 'accept', 'reply']);
    for (const e of view.timeline) expect(Object.keys(e).sort()).toEqual(['action', 'at', 'status']);
    expect(view.photos).toEqual([]);
    const text = res.body;
    const handlerName = (await queryRows<{ display_name: string }>(t.database.db, sql`select display_name from accounts where username = 'handler_a'`))[0].display_name;
    const operatorName = (await queryRows<{ display_name: string }>(t.database.db, sql`select display_name from accounts where username = 'operator'`))[0].display_name;
    for (const secretThing of ['内部备注', '内部人员甲', '内部处理意见', handlerName, operatorName, '李秀英', '5678', '示范县', 'handler_a', 'operator']) expect(text).not.toContain(secretThing);
  });

  it('shows a merged matter with the main matter’s status and reply (merged matters follow the main one)', async () => {
    const main = await submitted(demand({ petitioner: { name: '王大妈', phone: '13700001111' } }));
    const dup = await submitted(demand({ description: '青山村口路灯不亮，晚上看不见路。' }));
    const mainId = (await matterByCode(main.code)).id as string;
    const dupId = (await matterByCode(dup.code)).id as string;
    // Merge as the merge command records it: status merged, pointing at the main matter, with an event.
    await t.database.db.execute(sql`update matters set status = 'merged', merged_into_id = ${mainId}, version = version + 1 where id = ${dupId}`);
    await t.database.db.execute(sql`insert into matter_events (matter_id, actor_name, action, from_status, to_status) values (${dupId}, '话务员', 'merge', 'received', 'merged')`);
    await replyTo(main.code, '路灯已修复。');
    const res = await citizen(nextIp()).lookup({ code: dup.code, secret: dup.secret });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({ code: dup.code, title: '青山村口路灯不亮，晚上看不见路。', status: 'replied', isMerged: true, replyText: '路灯已修复。', unitName: '青山镇', canRate: false, rating: null });
    expect(view.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'merge', 'dispatch', 'accept', 'reply']);
    expect(res.body).not.toContain('王大妈');
    expect(res.body).not.toContain(main.code);
    // The duplicate's petitioner does not rate the main matter.
    const rate = await citizen(nextIp()).rate({ code: dup.code, secret: dup.secret, solved: true, rating: 'satisfied' });
    expect(rate.statusCode).toBe(409);
    expect(rate.json().error.code).toBe('CITIZEN_RATE_NOT_OPEN');
  });
});

describe('POST /api/public/matters/rate', () => {
  it('refuses a rating before the reply (409) and bad input (400), changing nothing', async () => {
    const { code, secret } = await submitted();
    const c = citizen(nextIp());
    const before = await footprint();
    const early = await c.rate({ code, secret, solved: true, rating: 'satisfied' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CITIZEN_RATE_NOT_OPEN');
    expect((await c.rate({ code, secret, solved: true, rating: 'great' })).statusCode).toBe(400);
    expect((await c.rate({ code, secret, rating: 'satisfied' })).statusCode).toBe(400);
    expect((await c.rate({ code, secret: 'WRONGWRO', solved: true, rating: 'satisfied' })).statusCode).toBe(404);
    expect(await footprint()).toEqual(before);
  });

  it('unsatisfied reopens (返工); the same reply is not rated twice; the next reply is rated satisfied and closes', async () => {
    const { code, secret } = await submitted();
    const id = await replyTo(code);
    const c = citizen(nextIp());
    const bad = await c.rate({ code, phoneLast4: '5678', solved: false, rating: 'unsatisfied', comment: '只修了一盏，另外两盏还是不亮。' });
    expect(bad.statusCode, bad.body).toBe(200);
    expect(bad.json()).toMatchObject({ status: 'in_progress', canRate: false, rating: { rating: 'unsatisfied', solved: false, comment: '只修了一盏，另外两盏还是不亮。' } });
    const staff = (await handlerA.get(`/api/matters/${id}`)).json();
    expect(staff).toMatchObject({ status: 'in_progress', reopenCount: 1, rating: 'unsatisfied' });
    const [row] = await queryRows<{ rating_source: string; rating_solved: boolean }>(t.database.db, sql`select rating_source, rating_solved from matters where id = ${id}`);
    expect(row).toEqual({ rating_source: 'citizen', rating_solved: false });
    const events = await queryRows<{ action: string; actor_name: string; actor_account_id: string | null }>(t.database.db, sql`select action, actor_name, actor_account_id from matter_events where matter_id = ${id} order by id`);
    expect(events.at(-1)).toEqual({ action: 'rate_unsatisfied', actor_name: '群众', actor_account_id: null });

    const again = await c.rate({ code, secret, solved: true, rating: 'satisfied' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CITIZEN_ALREADY_RATED');

    await replyTo(code, '三盏路灯均已更换。');
    const reopened = await c.lookup({ code, secret });
    expect(reopened.json()).toMatchObject({ status: 'replied', canRate: true, rating: null, replyText: '三盏路灯均已更换。' });
    const good = await c.rate({ code, secret, solved: true, rating: 'basically_satisfied' });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({ status: 'closed', canRate: false, rating: { rating: 'basically_satisfied', solved: true, comment: null } });
    expect((await handlerA.get(`/api/matters/${id}`)).json().reviewDueOn).toBeTruthy();
    const twice = await c.rate({ code, secret, solved: true, rating: 'satisfied' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('CITIZEN_ALREADY_RATED');
  });
});

describe('POST /api/public/matters/photo', () => {
  it('gives the citizen their own visible photos, and nothing else', async () => {
    const png = solidPng(6, [10, 120, 200]);
    const res = await citizen(nextIp()).submitWithPhotos(demand(), [{ field: 'photos', name: 'a.png', type: 'image/png', data: png }]);
    const { code, secret } = res.json();
    const c = citizen(nextIp());
    const view = (await c.lookup({ code, secret })).json();
    expect(view.photos).toEqual([{ id: expect.any(String), fileName: 'a.png', contentType: 'image/png', size: png.length }]);
    const photo = await c.post('/api/public/matters/photo', { code, secret, attachmentId: view.photos[0].id });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.headers['x-content-type-options']).toBe('nosniff');
    expect(photo.rawPayload.equals(png)).toBe(true);
    expect((await c.post('/api/public/matters/photo', { code, secret: 'ZZZZZZZZ', attachmentId: view.photos[0].id })).statusCode).toBe(404);
    // Another matter's photo is not reachable with this matter's credentials.
    const other = await submitted();
    expect((await c.post('/api/public/matters/photo', { code: other.code, secret: other.secret, attachmentId: view.photos[0].id })).statusCode).toBe(404);
  });
});

describe('remembered answers', () => {
  it('are pruned after a day by the recurring job, and a key sent again later is a new submission', async () => {
    const key = crypto.randomUUID();
    const first = await submitted(demand(), { 'idempotency-key': key });
    expect(await pruneIdempotencyKeys(t.database.db, new Date())).toBe(0);
    expect(await pruneIdempotencyKeys(t.database.db, new Date(Date.now() + 25 * 60 * 60_000))).toBeGreaterThanOrEqual(1);
    expect(await count('idempotency_keys', sql`key = ${key}`)).toBe(0);
    const later = await submitted(demand(), { 'idempotency-key': key });
    expect(later.code).not.toBe(first.code);
  });
});
