import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import type { Actor, ActorRole } from '../../core/policy.ts';
import { sessions } from './tables.ts';

/** SHA-256 of a session token: what the database stores, so a leaked table holds no usable cookie. */
export function sessionIdOf(token: string): string {
  return crypto.createHash('sha256').update(token).digest('base64url');
}

/** A fresh random token (cookie value or CSRF token). */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** A session row joined with what the actor needs. */
export interface LoadedSession {
  id: string;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
  isActive: boolean;
  actor: Actor;
}

interface SessionRow {
  id: string;
  csrf_token: string;
  last_seen_at: string | Date;
  expires_at: string | Date;
  account_id: string;
  username: string;
  display_name: string;
  person_id: string | null;
  is_active: boolean;
  must_change_password: boolean;
  roles: ActorRole[] | string | null;
  supervised: string[] | string | null;
}

const asJson = <T>(v: T | string | null): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** Loads a session with its account, roles (with current unit paths) and supervised units in one query. */
export async function loadSession(db: DbOrTx, token: string): Promise<LoadedSession | null> {
  const id = sessionIdOf(token);
  const rows = await queryRows<SessionRow>(
    db,
    sql`select s.id, s.csrf_token, s.last_seen_at, s.expires_at, a.id as account_id, a.username, a.display_name,
          a.person_id, a.is_active, a.must_change_password,
          (select json_agg(json_build_object('role', r.role, 'unitId', r.unit_id, 'unitPath', u.path, 'unitName', u.name) order by u.path)
             from account_roles r join units u on u.id = r.unit_id where r.account_id = a.id) as roles,
          (select json_agg(distinct u.path) from supervision_group_members m
             join supervision_group_units gu on gu.group_id = m.group_id
             join units u on u.id = gu.unit_id where m.account_id = a.id) as supervised
        from sessions s join accounts a on a.id = s.account_id where s.id = ${id}`,
    { prepare: 'session' },
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    csrfToken: row.csrf_token,
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    isActive: row.is_active,
    actor: {
      accountId: row.account_id,
      username: row.username,
      displayName: row.display_name,
      personId: row.person_id,
      roles: asJson(row.roles) ?? [],
      supervisedPaths: asJson(row.supervised) ?? [],
      mustChangePassword: row.must_change_password,
    },
  };
}

interface AccountActorRow {
  account_id: string;
  username: string;
  display_name: string;
  person_id: string | null;
  is_active: boolean;
  must_change_password: boolean;
  roles: ActorRole[] | string | null;
  supervised: string[] | string | null;
}

/** The actor of an account by username, as a session would load it (for commands run from the CLI); null when there is none. */
export async function loadActorByUsername(db: DbOrTx, username: string): Promise<{ actor: Actor; isActive: boolean } | null> {
  const rows = await queryRows<AccountActorRow>(
    db,
    sql`select a.id as account_id, a.username, a.display_name, a.person_id, a.is_active, a.must_change_password,
          (select json_agg(json_build_object('role', r.role, 'unitId', r.unit_id, 'unitPath', u.path, 'unitName', u.name) order by u.path)
             from account_roles r join units u on u.id = r.unit_id where r.account_id = a.id) as roles,
          (select json_agg(distinct u.path) from supervision_group_members m
             join supervision_group_units gu on gu.group_id = m.group_id
             join units u on u.id = gu.unit_id where m.account_id = a.id) as supervised
        from accounts a where lower(a.username) = lower(${username})`,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    isActive: row.is_active,
    actor: {
      accountId: row.account_id,
      username: row.username,
      displayName: row.display_name,
      personId: row.person_id,
      roles: asJson(row.roles) ?? [],
      supervisedPaths: asJson(row.supervised) ?? [],
      mustChangePassword: row.must_change_password,
    },
  };
}

/** Records activity on a session (called at most once a minute per session). */
export async function touchSession(db: Db, id: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
}

/** Deletes a session (logout, expiry). */
export async function deleteSession(db: DbOrTx, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}
