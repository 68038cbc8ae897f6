/**
 * Shared steps of the matters tests: a matter brought to a given state through the API, and
 * proof that a refused request changed nothing (the matter, its timeline and the audit log).
 */
import { expect } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../db/client.ts';
import type { Client, TestApp } from '../../test/harness.ts';

/** The body of a staff intake, with optional changes. */
export const newMatter = (extra: Record<string, unknown> = {}) => ({
  kind: 'demand',
  origin: 'hotline',
  title: '青山村路灯不亮',
  description: '青山村村口三盏路灯一周未亮，夜间出行不便。',
  address: '青山村村口',
  petitioner: { name: '王建国', phone: '13812345678' },
  ...extra,
});

/** A matter as the API answers it (the fields tests look at). */
export interface MatterJson {
  id: string;
  code: string;
  status: string;
  version: number;
  [key: string]: unknown;
}

/** Expects a status code, showing the body when it differs. */
export function ok(res: LightMyRequestResponse, status = 200): MatterJson {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as MatterJson;
}

/** The clients and unit ids the steps use. */
export interface Kit {
  t: TestApp;
  operator: Client;
  handlerA: Client;
  units: Record<string, string>;
}

/** A new matter taken in by the county hotline. */
export async function received(k: Kit, extra: Record<string, unknown> = {}): Promise<MatterJson> {
  return ok(await k.operator.post('/api/matters', newMatter(extra)), 201);
}

/** A matter dispatched to a unit (青山镇 unless named). */
export async function dispatched(k: Kit, unit = '青山镇', extra: Record<string, unknown> = {}): Promise<MatterJson> {
  const m = await received(k, extra);
  return ok(await k.operator.post(`/api/matters/${m.id}/dispatch`, { unitId: k.units[unit] }));
}

/** A matter accepted by 青山镇's handler. */
export async function inProgress(k: Kit, extra: Record<string, unknown> = {}): Promise<MatterJson> {
  const m = await dispatched(k, '青山镇', extra);
  return ok(await k.handlerA.post(`/api/matters/${m.id}/accept`, {}));
}

/** A matter replied by 青山镇. */
export async function replied(k: Kit, extra: Record<string, unknown> = {}): Promise<MatterJson> {
  const m = await inProgress(k, extra);
  return ok(await k.handlerA.post(`/api/matters/${m.id}/reply`, { text: '已更换灯泡，路灯恢复照明。' }));
}

/** A matter closed by a satisfied callback rating. */
export async function closed(k: Kit, extra: Record<string, unknown> = {}): Promise<MatterJson> {
  const m = await replied(k, extra);
  return ok(await k.operator.post(`/api/matters/${m.id}/rate`, { rating: 'satisfied', solved: true }));
}

/** Number of audit rows (straight from the table: faster than paging the API). */
export async function auditRows(t: TestApp, where = sql`true`): Promise<number> {
  const [{ n }] = await queryRows<{ n: number | string }>(t.database.db, sql`select count(*) as n from audit_log where ${where}`);
  return Number(n);
}

/** Audit actions of one matter, oldest first. */
export async function auditActions(t: TestApp, matterId: string): Promise<string[]> {
  const rows = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_log where subject_id = ${matterId} order by id`);
  return rows.map((r) => r.action);
}

/** Runs `act` and expects it to leave the matter (with its timeline, measures, notes …) and the audit log as they were. */
export async function expectNothingChanged(k: Kit, matterId: string, act: () => Promise<unknown>): Promise<void> {
  const before = (await k.operator.get(`/api/matters/${matterId}`)).json();
  const audit = await auditRows(k.t);
  await act();
  expect((await k.operator.get(`/api/matters/${matterId}`)).json()).toEqual(before);
  expect(await auditRows(k.t)).toBe(audit);
}

/** The actions on a matter's timeline, in order. */
export async function timeline(k: Kit, matterId: string): Promise<string[]> {
  return ((await k.operator.get(`/api/matters/${matterId}`)).json().events as { action: string }[]).map((e) => e.action);
}
