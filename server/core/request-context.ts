import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Ctx } from './context.ts';
import { pickLang } from './messages.ts';
import type { SecretKeyring } from './personal-data/secret-key.ts';

/** Builds the HTTP-free context a command or query receives. */
export function ctxOf(req: FastifyRequest, db: Db, config: AppConfig, keys?: SecretKeyring): Ctx {
  return { db, actor: req.session?.actor ?? null, lang: req.lang ?? pickLang(req.headers['accept-language']), ip: req.ip, config, keys };
}
