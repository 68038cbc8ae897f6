import type { Db } from '../db/client.ts';
import type { Lang } from './messages.ts';
import type { Actor } from './policy.ts';
import type { AppConfig } from '../config.ts';
import type { SecretKeyring } from './personal-data/secret-key.ts';

/** What a command or query needs to know about the request, free of HTTP types. */
export interface Ctx {
  db: Db;
  actor: Actor | null;
  lang: Lang;
  ip: string | null;
  config: AppConfig;
  /** The personal-data keys; absent where nothing personal is written or read (CLI, some tests). */
  keys?: SecretKeyring;
  /**
   * Who acts when there is no account: a citizen on the public page, an Open311 client, a
   * background job. Events and audit rows name it instead of an account.
   */
  channel?: Channel;
}

/** The non-account actors. */
export type Channel = 'citizen' | 'open311' | 'system';

/** How a channel is named on a matter's timeline and in the audit log. */
export const channelNames: Record<Channel, string> = { citizen: '群众', open311: 'Open311', system: '系统' };

/** The name of whoever acts in this context: the account's display name, else the channel's. */
export function actorNameOf(ctx: Pick<Ctx, 'actor' | 'channel'>): string {
  return ctx.actor?.displayName ?? channelNames[ctx.channel ?? 'system'];
}

/** The actor of a context that requires one (routes guarantee it before calling). */
export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new Error('requireActor: route without authentication');
  return ctx.actor;
}
