import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createTestApp, login, type Client, type TestApp } from '../../test/harness.ts';
import { auditCount, demoUnitIds } from '../../test/fixtures.ts';
import { categories } from '../categories/tables.ts';
import { seedDefaultCategories } from '../categories/commands/seed-default-categories.ts';
import { matterEvents, matters } from '../matters/tables.ts';
import { open311Keys, open311Submissions } from './tables.ts';

const ENV_KEY = 'env-key-for-tests-1';
let t: TestApp;
let admin: Client;
let operator: Client;
let handlerA: Client;
let handlerB: Client;
let supervisor: Client;
let units: Record<string, string>;
let townKey: string;

const V2 = '/open311/v2';
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `${V2}${url}`, headers });
/** POSTs a form, as the spec prescribes. */
const postForm = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `${V2}${url}`, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers }, payload: new URLSearchParams(fields).toString() });
const postJson = (url: string, body: unknown) => t.app.inject({ method: 'POST', url: `${V2}${url}`, payload: body as object });
/** The text of every `<name>` element of an XML answer. */
const xmlValues = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
const matterCount = async () => Number((await t.database.db.select({ n: count() }).from(matters))[0].n);
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

const validPost = {
  service_code: 'urban_rural_construction',
  address_string: '青山镇青山村村口',
  description: '村口三盏路灯一周未亮，夜间出行不便。',
  first_name: '建国',
  last_name: '王',
  phone: '13812345678',
  email: 'wang@example.org',
  device_id: 'device-5e1f-XYZ',
  account_id: 'client-account-XYZ-77',
  media_url: 'https://img.example.org/lamp-42.jpg',
};

beforeAll(async () => {
  process.env.JICENG_OPEN311_KEYS = ` ${ENV_KEY} , another-env-key `;
  t = await createTestApp();
  delete process.env.JICENG_OPEN311_KEYS;
  await seedDefaultCategories(t.database.db);
  const [parent] = await t.database.db.select().from(categories).where(eq(categories.code, 'urban_rural_construction'));
  const childId = crypto.randomUUID();
  await t.database.db.insert(categories).values([
    { id: childId, parentId: parent.id, code: 'urban_rural_construction.lights', name: '路灯照明', nameEn: 'Street lights', level: 2, path: `${parent.path}${childId}/` },
    { parentId: null, code: 'retired', name: '已停用分类', level: 1, path: '/retired/', isActive: false },
  ]);
  admin = await login(t.app, 'admin');
  operator = await login(t.app, 'operator');
  handlerA = await login(t.app, 'handler_a');
  handlerB = await login(t.app, 'handler_b');
  supervisor = await login(t.app, 'supervisor');
  units = await demoUnitIds(admin);
  townKey = (await admin.post('/api/open311/keys', { name: '青山镇微信小程序', unitId: units['青山镇'] })).json().key;
});
afterAll(async () => t.close());

describe('Open311 GeoReport v2: discovery and services', () => {
  it('serves discovery in XML (default) and JSON, without a session', async () => {
    for (const url of ['/discovery', '/discovery.xml']) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
      expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<discovery>')).toBe(true);
      expect(xmlValues(res.body, 'specification')).toEqual(['http://wiki.open311.org/GeoReport_v2']);
      expect(xmlValues(res.body, 'format')).toEqual(['text/xml', 'application/json']);
    }
    const json = await get('/discovery.json');
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.json()).toMatchObject({
      changeset: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      contact: expect.any(String),
      key_service: expect.any(String),
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: expect.stringMatching(/\/open311\/v2$/), type: 'production', formats: ['text/xml', 'application/json'] }],
    });
  });

  it('lists each active category as a service: code, name, no metadata, realtime, group = parent', async () => {
    const json = (await get('/services.json')).json() as Record<string, unknown>[];
    const codes = json.map((s) => s.service_code);
    expect(codes).toContain('employment');
    expect(codes).toContain('urban_rural_construction.lights');
    expect(codes).not.toContain('retired');
    expect(json.find((s) => s.service_code === 'urban_rural_construction.lights')).toEqual({
      service_code: 'urban_rural_construction.lights',
      service_name: '路灯照明',
      description: '城乡建设 / 路灯照明',
      metadata: false,
      type: 'realtime',
      keywords: '路灯照明, Street lights, 城乡建设',
      group: '城乡建设',
    });
    for (const url of ['/services', '/services.xml']) {
      const xml = (await get(url)).body;
      expect(xml).toContain('<services>\n  <service>\n    <service_code>employment</service_code>');
      expect(xmlValues(xml, 'service_code')).toEqual(codes);
      expect(new Set(xmlValues(xml, 'metadata'))).toEqual(new Set(['false']));
    }
  });

  it('answers a service definition with no attributes, and 404 in the spec’s error format for an unknown or inactive one', async () => {
    expect((await get('/services/employment.json')).json()).toEqual({ service_code: 'employment', attributes: [] });
    expect((await get('/services/urban_rural_construction.lights.json')).json()).toEqual({ service_code: 'urban_rural_construction.lights', attributes: [] });
    const xml = await get('/services/employment.xml');
    expect(xml.body).toBe('<?xml version="1.0" encoding="utf-8"?>\n<service_definition>\n  <service_code>employment</service_code>\n  <attributes></attributes>\n</service_definition>\n');
    expect((await get('/services/employment')).body).toBe(xml.body);
    const missing = await get('/services/nope.json');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: '没有代码为“nope”的服务（诉求分类）。' }]);
    const inactive = await get('/services/retired', { 'accept-language': 'en-US' });
    expect(inactive.statusCode).toBe(404);
    expect(xmlValues(inactive.body, 'code')).toEqual(['404']);
    expect(xmlValues(inactive.body, 'description')).toEqual(['No service with the code "retired".']);
    const nothing = await get('/no-such-resource.json');
    expect(nothing.statusCode).toBe(404);
    expect(nothing.json()[0].code).toBe(404);
  });
});

describe('Open311 GeoReport v2: POST requests', () => {
  it('needs a valid api_key (403), then the required fields (400), a known service (404); a refusal creates nothing', async () => {
    const before = await matterCount();
    const auditBefore = await auditCount(admin);
    const noKey = await postForm('/requests.xml', validPost);
    expect(noKey.statusCode).toBe(403);
    expect(noKey.body).toContain('<errors>\n  <error>\n    <code>403</code>');
    const badKey = await postForm('/requests.json', { ...validPost, api_key: 'wrong' });
    expect(badKey.statusCode).toBe(403);
    expect(badKey.json()).toEqual([{ code: 403, description: 'api_key 缺失或无效，无法提交诉求。' }]);
    const cases: [Record<string, string>, number, string][] = [
      [{ service_code: '' }, 400, 'service_code'],
      [{ service_code: 'nope' }, 404, 'nope'],
      [{ address_string: '', lat: '', long: '' }, 400, 'lat'],
      [{ address_string: '', lat: '30.1' }, 400, 'lat'],
      [{ lat: 'north', long: '120.1' }, 400, 'lat'],
      [{ lat: '91', long: '120.1' }, 400, 'lat'],
      [{ description: '长'.repeat(4001) }, 400, '4000'],
      [{ phone: 'call me' }, 400, 'phone'],
      [{ media_url: 'javascript:alert(1)' }, 400, 'media_url'],
      [{ email: 'wang at example.org' }, 400, 'email'],
      [{ email: `${'w'.repeat(250)}@example.org` }, 400, '254'],
      [{ device_id: 'd'.repeat(201) }, 400, 'device_id'],
    ];
    for (const [change, status, mention] of cases) {
      const res = await postForm('/requests.json', { ...validPost, api_key: ENV_KEY, ...change });
      expect(res.statusCode, JSON.stringify(change)).toBe(status);
      expect(res.json()[0].code).toBe(status);
      expect(res.json()[0].description).toContain(mention);
    }
    // JSON bodies are checked the same way.
    expect((await postJson('/requests.json', { api_key: ENV_KEY, service_code: 'employment' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: `${V2}/requests.json`, headers: { 'content-type': 'application/json' }, payload: '{"api_key":' })).statusCode).toBe(400);
    expect(await matterCount()).toBe(before);
    expect(await auditCount(admin)).toBe(auditBefore);
  });

  it('takes a form-encoded request in as a matter of the key’s unit and answers its id at once; staff see it in their inbox', async () => {
    const res = await postForm('/requests.xml', { ...validPost, api_key: ENV_KEY, jurisdiction_id: 'example.gov', lat: '30.25', long: '120.16', 'attribute[X]': '1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    const [code] = xmlValues(res.body, 'service_request_id');
    expect(code).toMatch(/^JC\d{8}-\d{6}$/);
    expect(res.body).not.toContain('<token>');
    expect(xmlValues(res.body, 'service_notice')[0]).toContain(code);
    const [m] = await t.database.db.select().from(matters).where(eq(matters.code, code));
    // JICENG_OPEN311_KEYS: taken in by the root unit (no public_intake_unit_id setting).
    expect(m).toMatchObject({ origin: 'web', kind: 'demand', status: 'received', intakeUnitId: units['示范县'], address: '青山镇青山村村口', latitude: 30.25, longitude: 120.16, title: validPost.description });
    expect(m.externalToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(m.petitionerNameEnc).toBeTruthy();
    expect(m.petitionerNameEnc).not.toContain('王');
    const [event] = await t.database.db.select().from(matterEvents).where(eq(matterEvents.matterId, m.id));
    expect(event).toMatchObject({ action: 'create', actorName: 'Open311', actorAccountId: null });
    // email (encrypted), device_id, account_id and media_url are kept beside the matter, not in its text.
    const [details] = await t.database.db.select().from(open311Submissions).where(eq(open311Submissions.matterId, m.id));
    expect(details).toMatchObject({ deviceId: validPost.device_id, accountId: validPost.account_id, mediaUrl: validPost.media_url });
    expect(details.emailEnc).toBeTruthy();
    expect(details.emailEnc).not.toContain('wang');
    expect(m.description).toBe(validPost.description);

    const inbox = (await operator.get('/api/matters?status=received&limit=200')).json().items as { code: string }[];
    expect(inbox.map((i) => i.code)).toContain(code);
    const detail = (await operator.get(`/api/matters/${m.id}`)).json();
    expect(detail).toMatchObject({ origin: 'web', petitioner: { name: '王**', phone: '138****5678' } });
    const audit = (await admin.get(`/api/audit?subjectId=${m.id}`)).json().items;
    expect(audit).toMatchObject([{ action: 'matter.create', actorName: 'open311' }]);
  });

  it('accepts JSON too, and takes a request posted with an issued key in by that key’s unit', async () => {
    const res = await postJson('/requests.json', { api_key: townKey, service_code: 'urban_rural_construction.lights', lat: 30.2, long: 120.1, description: '路灯坏了' });
    expect(res.statusCode, res.body).toBe(200);
    const [answer] = res.json();
    expect(answer).toEqual({ service_request_id: expect.stringMatching(/^JC/), service_notice: expect.any(String), account_id: null });
    const [m] = await t.database.db.select().from(matters).where(eq(matters.code, answer.service_request_id));
    expect(m.intakeUnitId).toBe(units['青山镇']);
    expect(m.petitionerNameEnc).toBeNull();
    // Nothing beyond the matter was posted: no details row.
    expect(await t.database.db.select().from(open311Submissions).where(eq(open311Submissions.matterId, m.id))).toEqual([]);
    expect((await handlerA.get('/api/matters?limit=200')).json().items.map((i: { code: string }) => i.code)).toContain(answer.service_request_id);
  });
});

describe('Open311 GeoReport v2: GET requests, a request, tokens', () => {
  let open: string;
  let closed: string;
  let staffCode: string;

  beforeAll(async () => {
    const post = async (fields: Record<string, string>) => (await postForm('/requests.json', { ...validPost, api_key: ENV_KEY, ...fields })).json()[0].service_request_id as string;
    open = await post({ service_code: 'employment', description: '求职登记' });
    closed = await post({ description: '垃圾未清运', address_string: '青山镇镇东社区' });
    const [m] = await t.database.db.select().from(matters).where(eq(matters.code, closed));
    await operator.post(`/api/matters/${m.id}/dispatch`, { unitId: units['青山镇'], note: '内部派单说明XYZ' });
    await handlerA.post(`/api/matters/${m.id}/accept`, { note: '承办人内部备注XYZ' });
    await handlerA.post(`/api/matters/${m.id}/notes`, { body: '内部备注：联系人是王建国XYZ' });
    await handlerA.post(`/api/matters/${m.id}/reply`, { text: '已安排清运，今后每日清运一次。' });
    expect((await operator.post(`/api/matters/${m.id}/rate`, { rating: 'satisfied' })).json().status).toBe('closed');
    staffCode = (await operator.post('/api/matters', { kind: 'demand', origin: 'hotline', title: '热线来电', description: '来电人张三反映…', petitioner: { name: '张三' } })).json().code;
  });

  it('lists the publicly submitted requests of the last 90 days in XML (default) and JSON, with the public fields only', async () => {
    const json = (await get('/requests.json')).json() as Record<string, unknown>[];
    const codes = json.map((r) => r.service_request_id);
    expect(codes).toEqual(expect.arrayContaining([open, closed]));
    expect(codes).not.toContain(staffCode);
    const c = json.find((r) => r.service_request_id === closed)!;
    expect(Object.keys(c)).toEqual(['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url']);
    expect(c).toMatchObject({ status: 'closed', status_notes: '已安排清运，今后每日清运一次。', service_code: 'urban_rural_construction', service_name: '城乡建设', agency_responsible: '青山镇', address: '青山镇镇东社区', description: '垃圾未清运', media_url: validPost.media_url });
    for (const f of ['requested_datetime', 'updated_datetime', 'expected_datetime']) expect(c[f]).toMatch(W3C);
    expect(json.find((r) => r.service_request_id === open)).toMatchObject({ status: 'open', status_notes: null, agency_responsible: null, expected_datetime: null });

    for (const url of ['/requests', '/requests.xml']) {
      const xml = (await get(url)).body;
      expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<service_requests>\n  <request>')).toBe(true);
      expect(xmlValues(xml, 'service_request_id')).toEqual(codes);
    }
    // Nothing private leaves: petitioners, internal notes and event notes, handlers' names.
    const everything = (await get('/requests.json')).body + (await get('/requests.xml')).body + (await get(`/requests/${closed}.xml`)).body;
    expect(xmlValues((await get(`/requests/${closed}.xml`)).body, 'media_url')).toEqual([validPost.media_url]);
    for (const secret of ['王建国', '建国', '13812345678', '5678', 'wang@example.org', 'wang', 'device-5e1f', 'client-account', 'XYZ', '青山镇承办人', '热线受理员', '张三']) expect(everything).not.toContain(secret);
  });

  it('filters by ids (overriding the rest), service_code, status and dates, and refuses bad arguments with 400', async () => {
    const codesOf = async (q: string) => ((await get(`/requests.json?${q}`)).json() as { service_request_id: string }[]).map((r) => r.service_request_id);
    expect((await codesOf(`service_request_id=${open},${closed},${staffCode}&status=closed&start_date=2000-01-01T00:00:00Z&end_date=2000-01-02T00:00:00Z`)).sort()).toEqual([open, closed].sort());
    expect(await codesOf('service_code=employment')).toEqual([open]);
    expect(await codesOf('service_code=employment,nope&status=closed')).toEqual([]);
    expect(await codesOf('status=closed')).toEqual([closed]);
    expect(await codesOf('status=open')).not.toContain(closed);
    expect((await codesOf('status=open,closed')).length).toBeGreaterThanOrEqual(2);
    expect(await codesOf('start_date=2020-01-01T00:00:00Z&end_date=2020-03-01T00:00:00%2B08:00')).toEqual([]);
    const today = new Date();
    const from = new Date(today.getTime() - 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    expect(await codesOf(`start_date=${from}`)).toEqual(expect.arrayContaining([open, closed]));
    expect(await codesOf(`end_date=${from}`)).toEqual([]);
    const bad: [string, string][] = [
      ['start_date=yesterday', 'start_date'],
      ['end_date=2024-02-30T00:00:00Z', 'end_date'],
      ['start_date=2024-01-01T00:00:00', 'start_date'],
      ['start_date=2024-01-01T00:00:00Z&end_date=2024-06-01T00:00:00Z', '90'],
      ['start_date=2024-03-01T00:00:00Z&end_date=2024-01-01T00:00:00Z', '90'],
      ['status=pending', 'status'],
    ];
    for (const [q, mention] of bad) {
      const res = await get(`/requests.json?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json()[0]).toMatchObject({ code: 400, description: expect.stringContaining(mention) });
    }
  });

  it('answers one request by id and the id of a token; 404 for unknown ones and for matters staff took in', async () => {
    expect((await get(`/requests/${closed}.json`)).json()).toMatchObject([{ service_request_id: closed, status: 'closed' }]);
    const xml = await get(`/requests/${open}.xml`);
    expect(xmlValues(xml.body, 'status')).toEqual(['open']);
    expect((await get(`/requests/${open}`)).body).toBe(xml.body);
    for (const url of [`/requests/${staffCode}.json`, '/requests/JC00000000-000000.json']) {
      const res = await get(url);
      expect(res.statusCode).toBe(404);
      expect(res.json()[0].code).toBe(404);
    }
    const [m] = await t.database.db.select().from(matters).where(eq(matters.code, open));
    expect((await get(`/tokens/${m.externalToken}.json`)).json()).toEqual([{ service_request_id: open, token: m.externalToken }]);
    expect(xmlValues((await get(`/tokens/${m.externalToken}.xml`)).body, 'service_request_id')).toEqual([open]);
    expect((await get('/tokens/unknown.xml')).statusCode).toBe(404);
  });
});

describe('Open311 details for staff: the email masked, its reveal audited', () => {
  let matterId: string;
  let hotlineId: string;

  beforeAll(async () => {
    const code = (await postForm('/requests.json', { ...validPost, api_key: townKey })).json()[0].service_request_id as string;
    [{ id: matterId }] = await t.database.db.select({ id: matters.id }).from(matters).where(eq(matters.code, code));
    hotlineId = (await operator.post('/api/matters', { kind: 'demand', origin: 'hotline', title: '热线来电', description: '来电反映路灯问题' })).json().id;
  });

  it('refuses without a session (401), outside the scope (404 like the matter), bad ids (400)', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/open311/submissions/${matterId}` })).statusCode).toBe(401);
    expect((await handlerB.get(`/api/open311/submissions/${matterId}`)).statusCode).toBe(404);
    expect((await handlerB.post(`/api/open311/submissions/${matterId}/reveal`, {})).statusCode).toBe(404);
    expect((await handlerA.get('/api/open311/submissions/not-a-uuid')).statusCode).toBe(400);
  });

  it('shows the email masked and the media link to whoever reads the matter; null for a matter that came another way', async () => {
    const answer = (await handlerA.get(`/api/open311/submissions/${matterId}`)).json();
    expect(answer).toEqual({ submission: { email: 'w****@example.org', mediaUrl: validPost.media_url, createdAt: expect.any(String) } });
    expect(JSON.stringify(answer)).not.toContain('device');
    expect((await operator.get(`/api/open311/submissions/${hotlineId}`)).json()).toEqual({ submission: null });
  });

  it('reveals the email to a role with matter.reveal, audited without the value; never to a supervisor', async () => {
    const before = await auditCount(admin);
    const res = await handlerA.post(`/api/open311/submissions/${matterId}/reveal`, { reason: '回访联系' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ field: 'email', value: 'wang@example.org' });
    expect(await auditCount(admin)).toBe(before + 1);
    const [row] = (await admin.get(`/api/audit?subjectId=${matterId}&action=matter.reveal`)).json().items;
    expect(row).toMatchObject({ action: 'matter.reveal', actorName: 'handler_a', after: { field: 'email', reason: '回访联系' } });
    expect(JSON.stringify(row)).not.toContain('wang@');
    expect((await supervisor.post(`/api/open311/submissions/${matterId}/reveal`, {})).statusCode).toBe(403);
    expect((await operator.post(`/api/open311/submissions/${hotlineId}/reveal`, {})).statusCode).toBe(404);
  });
});

describe('Open311 API keys (admin)', () => {
  it('refuses without a session (401), without open311.manage (403), bad input (400)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/open311/keys' })).statusCode).toBe(401);
    expect((await handlerA.get('/api/open311/keys')).statusCode).toBe(403);
    expect((await handlerA.post('/api/open311/keys', { name: 'x', unitId: units['青山镇'] })).statusCode).toBe(403);
    expect((await admin.post('/api/open311/keys', { name: '', unitId: units['青山镇'] })).statusCode).toBe(400);
    expect((await admin.post('/api/open311/keys', { name: 'x', unitId: 'nope' })).statusCode).toBe(400);
    expect((await admin.post('/api/open311/keys', { name: 'x', unitId: crypto.randomUUID() })).json().error.fields.unitId).toBeTruthy();
    expect((await admin.post(`/api/open311/keys/${crypto.randomUUID()}/revoke`)).statusCode).toBe(404);
  });

  it('shows a new key once, stores only its hash, lists keys without them, and a revoked key is refused (403)', async () => {
    const res = await admin.post('/api/open311/keys', { name: '县融媒体客户端', unitId: units['县12345政务服务便民热线中心'] });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ name: '县融媒体客户端', unit: { name: '县12345政务服务便民热线中心' }, revokedAt: null, key: expect.stringMatching(/^jc311_[A-Za-z0-9_-]{43}$/) });
    const [row] = await t.database.db.select().from(open311Keys).where(eq(open311Keys.id, created.id));
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.key);
    const list = await admin.get('/api/open311/keys');
    expect(list.body).not.toContain(created.key);
    expect(list.json().items.map((k: { id: string }) => k.id)).toContain(created.id);
    expect((await postJson('/requests.json', { api_key: created.key, service_code: 'employment', address_string: '县城' })).statusCode).toBe(200);

    const revoked = await admin.post(`/api/open311/keys/${created.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).toBeTruthy();
    expect((await admin.post(`/api/open311/keys/${created.id}/revoke`)).json().revokedAt).toBe(revoked.json().revokedAt);
    expect((await postJson('/requests.json', { api_key: created.key, service_code: 'employment', address_string: '县城' })).statusCode).toBe(403);
    const audit = (await admin.get(`/api/audit?subjectId=${created.id}`)).json().items.map((a: { action: string }) => a.action);
    expect(audit.sort()).toEqual(['open311.key_create', 'open311.key_revoke']);
  });
});

describe('Open311 GeoReport v2: transport errors', () => {
  it('answers an unsupported content type as a 400 in the spec’s format', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${V2}/requests.json`, headers: { 'content-type': 'text/csv' }, payload: 'api_key,x' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual([{ code: 400, description: expect.stringContaining('text/csv') }]);
  });

  // Last in the file: it uses up this address's posts for the minute.
  it('limits posts to 60 a minute per address (429 in the spec’s format)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await postForm('/requests.xml', { service_code: 'employment' })).statusCode);
    expect(statuses.slice(0, 55).every((s) => s === 403 || s === 429)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const res = await postForm('/requests.xml', { service_code: 'employment' });
    expect(xmlValues(res.body, 'code')).toEqual(['429']);
  });
});
