import type { FastifyInstance } from 'fastify';
import { login, type Client } from './harness.ts';

/** Ids of the demo units, by name, as seen by the county admin. */
export async function demoUnitIds(admin: Client): Promise<Record<string, string>> {
  const items = (await admin.get('/api/units/tree')).json().items as { id: string; name: string }[];
  return Object.fromEntries(items.map((u) => [u.name, u.id]));
}

/** Creates an account through the API and completes its first-login password change. */
export async function createReadyAccount(
  app: FastifyInstance,
  admin: Client,
  input: { username: string; displayName?: string; roles: { role: string; unitId: string }[] },
): Promise<Client & { id: string }> {
  const res = await admin.post('/api/accounts', { username: input.username, displayName: input.displayName ?? input.username, password: 'First-Pass-11', roles: input.roles });
  if (res.statusCode !== 201) throw new Error(`create ${input.username}: ${res.statusCode} ${res.body}`);
  const first = await login(app, input.username, 'First-Pass-11');
  const changed = await first.post('/api/auth/password', { currentPassword: 'First-Pass-11', newPassword: 'Ready-Pass-22' });
  if (changed.statusCode !== 200) throw new Error(`password ${input.username}: ${changed.body}`);
  return { ...(await login(app, input.username, 'Ready-Pass-22')), id: res.json().id };
}

/** Number of audit rows, to prove that a refused request wrote nothing. */
export async function auditCount(admin: Client): Promise<number> {
  let n = 0;
  let cursor: string | null = null;
  do {
    const res = await admin.get(`/api/audit?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    const body = res.json() as { items: unknown[]; nextCursor: string | null };
    n += body.items.length;
    cursor = body.nextCursor;
  } while (cursor);
  return n;
}
