import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, login, type Client, type TestApp } from '../../test/harness.ts';
import { demoUnitIds } from '../../test/fixtures.ts';
import { queryRows } from '../../db/client.ts';
import { docxLike, jpegLike, multipartBody, solidPng, tinyPdf, type TestFile } from './test-files.ts';

// Staff files of a matter: upload (handler of the responsible unit or the intake office), list,
// download; scoped like the matter (another township's is 404), judged by content, ≤ 20 MB.

let t: TestApp;
let admin: Client;
let operator: Client;
let handlerA: Client;
let handlerB: Client;
let units: Record<string, string>;
let matterId: string;

/** Posts a multipart upload as `client`. */
function upload(client: Client, id: string, files: TestFile[], fields: Record<string, string> = {}) {
  const m = multipartBody(fields, files);
  return client.request('POST', `/api/matters/${id}/attachments`, m.payload, m.headers);
}
const file = (name: string, data: Buffer): TestFile => ({ field: 'file', name, data });
const count = async (table: string) => Number((await queryRows<{ n: string }>(t.database.db, sql`select count(*)::text as n from ${sql.raw(table)}`))[0].n);
const footprint = async () => ({ attachments: await count('matter_attachments'), events: await count('matter_events'), audit: await count('audit_log') });

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  operator = await login(t.app, 'operator');
  handlerA = await login(t.app, 'handler_a');
  handlerB = await login(t.app, 'handler_b');
  units = await demoUnitIds(admin);
  const created = await operator.post('/api/matters', { kind: 'demand', origin: 'hotline', title: '青山村路灯', description: '路灯不亮。' });
  matterId = created.json().id;
  expect((await operator.post(`/api/matters/${matterId}/dispatch`, { unitId: units['青山镇'] })).statusCode).toBe(200);
});
afterAll(async () => t.close());

describe('POST /api/matters/:id/attachments', () => {
  it('refuses without a session (401), outside scope (404) and to a role that neither handles nor takes in (403)', async () => {
    // Signing in writes an audit row of its own: before the count.
    const supervisor = await login(t.app, 'supervisor');
    const before = await footprint();
    const m = multipartBody({}, [file('a.pdf', tinyPdf())]);
    expect((await t.app.inject({ method: 'POST', url: `/api/matters/${matterId}/attachments`, headers: m.headers, payload: m.payload })).statusCode).toBe(401);
    const other = await upload(handlerB, matterId, [file('a.pdf', tinyPdf())]);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('NOT_FOUND');
    expect((await upload(supervisor, matterId, [file('a.pdf', tinyPdf())])).statusCode).toBe(403);
    expect(await footprint()).toEqual(before);
  });

  it('refuses no file, a file that is not what it claims, an unknown type, bad fields and a file over 20 MB (4xx, nothing stored)', async () => {
    const before = await footprint();
    const noFile = await upload(handlerA, matterId, [], { visibleToCitizen: 'true' });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.code).toBe('ATTACHMENT_NO_FILE');
    const json = await handlerA.post(`/api/matters/${matterId}/attachments`, { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('UPLOAD_BAD_FORM');
    const fake = await upload(handlerA, matterId, [{ field: 'file', name: '报告.pdf', type: 'application/pdf', data: Buffer.from('just text') }]);
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('ATTACHMENT_TYPE');
    expect(fake.json().error.message).toContain('报告.pdf');
    const exe = await upload(handlerA, matterId, [file('tool.exe', Buffer.from('MZ\x90\x00binary', 'latin1'))]);
    expect(exe.json().error.code).toBe('ATTACHMENT_TYPE');
    const zip = await upload(handlerA, matterId, [file('a.docx', Buffer.from('PK\x03\x04 not an office file', 'latin1'))]);
    expect(zip.json().error.code).toBe('ATTACHMENT_TYPE');
    const badField = await upload(handlerA, matterId, [file('a.pdf', tinyPdf())], { visibleToCitizen: 'maybe' });
    expect(badField.statusCode).toBe(400);
    expect(badField.json().error.fields.visibleToCitizen).toBeTruthy();
    const badMeasure = await upload(handlerA, matterId, [file('a.pdf', tinyPdf())], { measureId: '00000000-0000-4000-8000-000000000000' });
    expect(badMeasure.statusCode).toBe(400);
    expect(badMeasure.json().error.fields.measureId).toBeTruthy();
    const two = await upload(handlerA, matterId, [file('a.pdf', tinyPdf()), file('b.pdf', tinyPdf())]);
    expect(two.statusCode).toBe(400);
    const big = await upload(handlerA, matterId, [file('big.pdf', Buffer.concat([tinyPdf(), Buffer.alloc(20 * 1024 * 1024)]))]);
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE' });
    expect(big.json().error.message).toContain('20 MB');
    expect(await footprint()).toEqual(before);
  });

  it('stores a PDF from the handler and a photo from the intake office, each with an event and an audit row', async () => {
    const pdf = await upload(handlerA, matterId, [file('现场核查记录.pdf', tinyPdf())]);
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json()).toMatchObject({ matterId, source: 'staff', visibleToCitizen: false, fileName: '现场核查记录.pdf', contentType: 'application/pdf', size: tinyPdf().length });
    const photo = await upload(operator, matterId, [file('C:\\Users\\me\\修好后.JPG', jpegLike())], { visibleToCitizen: 'true' });
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json()).toMatchObject({ fileName: '修好后.jpg', contentType: 'image/jpeg', visibleToCitizen: true });
    const docx = await upload(handlerA, matterId, [file('方案.docx', docxLike())]);
    expect(docx.json().contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');

    const detail = (await handlerA.get(`/api/matters/${matterId}`)).json();
    const attaches = detail.events.filter((e: { action: string }) => e.action === 'attach');
    expect(attaches).toHaveLength(3);
    expect(attaches[0]).toMatchObject({ actorName: expect.any(String), toStatus: 'dispatched', data: { source: 'staff', attachmentIds: [pdf.json().id] } });
    // The state and version do not move: a file is not a step of the workflow.
    expect(detail).toMatchObject({ status: 'dispatched', version: 2 });
    const audit = await queryRows<{ action: string; after: { attachmentIds: string[] } }>(t.database.db, sql`select action, after from audit_log where subject_id = ${matterId} and action = 'matter.attach' order by id`);
    expect(audit.map((a) => a.after.attachmentIds[0])).toEqual([pdf.json().id, photo.json().id, docx.json().id]);
    expect(JSON.stringify(audit)).not.toContain('现场核查记录');
  });
});

describe('GET /api/matters/:id/attachments and /:attId', () => {
  it('lists and downloads the files of a matter in scope; 404 outside scope and for another matter’s file', async () => {
    const png = solidPng(5, [1, 2, 3]);
    const up = await upload(handlerA, matterId, [file('图.png', png)]);
    const attId = up.json().id;
    const list = await handlerA.get(`/api/matters/${matterId}/attachments`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((a: { id: string }) => a.id)).toContain(attId);
    const dl = await operator.get(`/api/matters/${matterId}/attachments/${attId}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['content-disposition']).toContain("filename*=UTF-8''%E5%9B%BE.png");
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.rawPayload.equals(png)).toBe(true);
    const docs = (await handlerA.get(`/api/matters/${matterId}/attachments`)).json().items.find((a: { fileName: string }) => a.fileName === '方案.docx');
    expect((await handlerA.get(`/api/matters/${matterId}/attachments/${docs.id}`)).headers['content-disposition']).toMatch(/^attachment;/);

    expect((await handlerB.get(`/api/matters/${matterId}/attachments`)).statusCode).toBe(404);
    expect((await handlerB.get(`/api/matters/${matterId}/attachments/${attId}`)).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/matters/${matterId}/attachments/${attId}` })).statusCode).toBe(401);
    const other = (await operator.post('/api/matters', { kind: 'demand', origin: 'hotline', title: '另一件', description: '另一件事。' })).json().id;
    expect((await operator.get(`/api/matters/${other}/attachments/${attId}`)).statusCode).toBe(404);
    expect((await operator.get(`/api/matters/${matterId}/attachments/not-a-uuid`)).statusCode).toBe(400);
  });
});
