import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from '../test/harness.ts';
import { auditCount, demoUnitIds } from '../test/fixtures.ts';

// Bad input gets a clear 4xx in the caller's language and changes nothing.

let t: TestApp;
let admin: Client;
let u: Record<string, string>;
let matterId: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  u = await demoUnitIds(admin);
  matterId = (await admin.post('/api/matters', { kind: 'demand', origin: 'web', title: '测试', description: '测试事项' })).json().id;
});
afterAll(async () => t.close());

type BadCase = { name: string; method: 'GET' | 'POST' | 'PATCH'; url: () => string; payload?: () => string | object; headers?: Record<string, string>; status: number; code: string; field?: string };

const cases: BadCase[] = [
  { name: 'malformed JSON', method: 'POST', url: () => '/api/units', payload: () => '{"name": "x",', headers: { 'content-type': 'application/json' }, status: 400, code: 'MALFORMED_JSON' },
  { name: 'empty JSON body', method: 'POST', url: () => '/api/people', payload: () => '', headers: { 'content-type': 'application/json' }, status: 400, code: 'MALFORMED_JSON' },
  { name: 'wrong content type', method: 'POST', url: () => '/api/people', payload: () => 'name=x', headers: { 'content-type': 'text/csv' }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'wrong types', method: 'POST', url: () => '/api/people', payload: () => ({ unitId: u['青山村'], name: 42, isPartyMember: 'yes' }), status: 400, code: 'VALIDATION_FAILED', field: 'name' },
  { name: 'unknown fields', method: 'POST', url: () => '/api/people', payload: () => ({ unitId: u['青山村'], name: '张三', salary: 1 }), status: 400, code: 'VALIDATION_FAILED', field: 'salary' },
  { name: 'missing required field', method: 'POST', url: () => '/api/units', payload: () => ({ parentId: u['青山镇'], kind: 'village', level: 'village' }), status: 400, code: 'VALIDATION_FAILED', field: 'name' },
  { name: 'unknown enum value', method: 'POST', url: () => '/api/units', payload: () => ({ parentId: u['青山镇'], name: 'x', kind: 'castle', level: 'village' }), status: 400, code: 'VALIDATION_FAILED', field: 'kind' },
  { name: 'bad region code', method: 'POST', url: () => '/api/units', payload: () => ({ parentId: u['青山镇'], name: 'x', kind: 'village', level: 'village', regionCode: '12ab' }), status: 400, code: 'VALIDATION_FAILED', field: 'regionCode' },
  { name: 'not a uuid in the path', method: 'GET', url: () => '/api/units/not-a-uuid', status: 400, code: 'VALIDATION_FAILED', field: 'id' },
  { name: 'unknown query parameter', method: 'GET', url: () => '/api/people?foo=1', status: 400, code: 'VALIDATION_FAILED', field: 'foo' },
  { name: 'limit out of range', method: 'GET', url: () => '/api/people?limit=100000', status: 400, code: 'VALIDATION_FAILED', field: 'limit' },
  { name: 'tampered cursor', method: 'GET', url: () => '/api/people?cursor=%%%garbage', status: 400, code: 'VALIDATION_FAILED', field: 'cursor' },
  { name: 'non-existent record', method: 'GET', url: () => '/api/units/00000000-0000-4000-8000-000000000000', status: 404, code: 'NOT_FOUND' },
  { name: 'parent that does not exist', method: 'POST', url: () => '/api/units', payload: () => ({ parentId: '00000000-0000-4000-8000-000000000000', name: 'x', kind: 'village', level: 'village' }), status: 400, code: 'VALIDATION_FAILED', field: 'parentId' },
  { name: 'weak password for a new account', method: 'POST', url: () => '/api/accounts', payload: () => ({ username: 'weakling', displayName: 'x', password: 'abcdefgh', roles: [{ role: 'handler', unitId: u['青山镇'] }] }), status: 400, code: 'VALIDATION_FAILED', field: 'password' },
  { name: 'account without roles', method: 'POST', url: () => '/api/accounts', payload: () => ({ username: 'norole', displayName: 'x', password: 'Good-Pass-123', roles: [] }), status: 400, code: 'VALIDATION_FAILED', field: 'roles' },
  { name: 'bad username', method: 'POST', url: () => '/api/accounts', payload: () => ({ username: '张 三', displayName: 'x', password: 'Good-Pass-123', roles: [{ role: 'handler', unitId: u['青山镇'] }] }), status: 400, code: 'VALIDATION_FAILED', field: 'username' },
  { name: 'batch ending before it starts', method: 'POST', url: () => '/api/campaign-batches', payload: () => ({ name: '倒序批', startsOn: '2024-05-01', endsOn: '2024-01-01' }), status: 400, code: 'VALIDATION_FAILED', field: 'endsOn' },
  { name: 'unknown matter origin', method: 'POST', url: () => '/api/matters', payload: () => ({ kind: 'demand', origin: 'pigeon', title: 'x', description: 'x' }), status: 400, code: 'VALIDATION_FAILED', field: 'origin' },
  { name: 'petitioner phone that is not one', method: 'POST', url: () => '/api/matters', payload: () => ({ kind: 'demand', origin: 'web', title: 'x', description: 'x', petitioner: { phone: 'call me' } }), status: 400, code: 'VALIDATION_FAILED', field: 'petitioner.phone' },
  { name: 'matter id not a uuid', method: 'GET', url: () => '/api/matters/JC20261123-000001', status: 400, code: 'VALIDATION_FAILED', field: 'id' },
  { name: 'unknown matter status filter', method: 'GET', url: () => '/api/matters?status=lost', status: 400, code: 'VALIDATION_FAILED', field: 'status' },
  { name: 'tampered matter cursor', method: 'GET', url: () => '/api/matters?cursor=%%%garbage', status: 400, code: 'VALIDATION_FAILED', field: 'cursor' },
  { name: 'unknown rating', method: 'POST', url: () => `/api/matters/${matterId}/rate`, payload: () => ({ rating: 'meh' }), status: 400, code: 'VALIDATION_FAILED', field: 'rating' },
  { name: 'dispatch to a unit that does not exist', method: 'POST', url: () => `/api/matters/${matterId}/dispatch`, payload: () => ({ unitId: '00000000-0000-4000-8000-000000000000' }), status: 400, code: 'VALIDATION_FAILED', field: 'unitId' },
  { name: 'reply to a matter that does not exist', method: 'POST', url: () => '/api/matters/00000000-0000-4000-8000-000000000000/reply', payload: () => ({ text: '答复' }), status: 404, code: 'NOT_FOUND' },
  { name: 'unknown endpoint', method: 'GET', url: () => '/api/nothing-here', status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'oversize body', method: 'POST', url: () => '/api/people', payload: () => JSON.stringify({ unitId: u['青山村'], name: 'x'.repeat(1_100_000) }), headers: { 'content-type': 'application/json' }, status: 413, code: 'BODY_TOO_LARGE' },
  { name: 'write from a foreign origin', method: 'POST', url: () => '/api/people', payload: () => ({ unitId: u['青山村'], name: '张三' }), headers: { origin: 'https://evil.example' }, status: 403, code: 'CSRF_FAILED' },
];

describe('bad input', () => {
  for (const c of cases) {
    it(`${c.name} → ${c.status} ${c.code}, nothing changes`, async () => {
      const before = await auditCount(admin);
      for (const lang of ['zh-CN', 'en-US'] as const) {
        const res = await admin.request(c.method, c.url(), c.payload?.(), { 'accept-language': lang, ...(c.headers ?? {}) });
        expect(res.statusCode, res.body).toBe(c.status);
        const err = res.json().error;
        expect(err.code).toBe(c.code);
        expect(err.message.length).toBeGreaterThan(3);
        if (lang === 'zh-CN') expect(err.message).toMatch(/[\u4e00-\u9fff]/);
        else expect(err.message).not.toMatch(/[\u4e00-\u9fff]/);
        if (c.field) expect(Object.keys(err.fields ?? {}).join(',')).toContain(c.field);
      }
      expect(await auditCount(admin)).toBe(before);
    });
  }

  it('words field messages in the caller’s language', async () => {
    const zh = await admin.post('/api/people', { unitId: u['青山村'], name: 42 });
    expect(zh.json().error.fields.name).toMatch(/[\u4e00-\u9fff]/);
    const en = await admin.post('/api/people', { unitId: u['青山村'], name: 42 }, { 'accept-language': 'en' });
    expect(en.json().error.fields.name).toMatch(/expected string/i);
  });
});
