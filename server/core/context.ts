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
}

/** The actor of a context that requires one (routes guarantee it before calling). */
export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new Error('requireActor: route without authentication');
  return ctx.actor;
}
