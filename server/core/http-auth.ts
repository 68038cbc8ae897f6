import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config.ts';
import type { Db } from '../db/client.ts';
import { AppError } from './errors.ts';
import { dataChanged } from './data-generation.ts';
import { ReadCache } from './read-cache.ts';
import { deleteSession, loadSession, touchSession, type LoadedSession } from '../modules/auth/session-store.ts';

export const SESSION_COOKIE = 'jiceng_sid';
const TOUCH_EVERY_MS = 60_000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `public`: no session needed; `session`: any logged-in account, even one that must change its password. */
    auth?: 'public' | 'session';
  }
  interface FastifyRequest {
    session: LoadedSession | null;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A short-lived cache of loaded sessions, so a burst of reads does not look the same session up
 * on every request. Any signed-in write handled by this instance ends every entry (roles, paths,
 * accounts may have changed), and so does a change of accounts, roles, units or sessions announced
 * by the database; were an announcement lost, a change would take effect within SESSION_CACHE_MS.
 */
export const SESSION_CACHE_MS = 2_000;
const sessionCache = new ReadCache<LoadedSession>(SESSION_CACHE_MS, 10_000);

/** True when a browser's Origin header (if any) names this server, a guard besides SameSite and CSRF tokens. */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * Authentication for `/api` routes: loads the session from its cookie, enforces idle and absolute
 * timeouts, the CSRF token on writes and the first-login password change. Runs before validation.
 */
export function registerAuthHook(app: FastifyInstance, db: Db, config: AppConfig): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    if (unsafeMethods.has(req.method) && !sameOrigin(req)) throw new AppError(403, 'CSRF_FAILED');
    if (req.is404) return;
    const mode = req.routeOptions.config?.auth;
    const token = req.cookies[SESSION_COOKIE];
    if (mode === 'public' && !token) return;
    if (!token) throw new AppError(401, 'UNAUTHENTICATED');
    const now = Date.now();
    const session = await sessionCache.read(token, () => loadSession(db, token), now);
    if (!session || !session.isActive) {
      if (mode === 'public') return;
      throw new AppError(401, 'UNAUTHENTICATED');
    }
    if (now > session.expiresAt.getTime() || now - session.lastSeenAt.getTime() > config.sessionIdleMinutes * 60_000) {
      await deleteSession(db, session.id);
      sessionCache.delete(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      if (mode === 'public') return;
      throw new AppError(401, 'SESSION_EXPIRED');
    }
    req.session = session;
    if (mode === 'public') return;
    if (unsafeMethods.has(req.method) && req.headers['x-csrf-token'] !== session.csrfToken) throw new AppError(403, 'CSRF_FAILED');
    if (session.actor.mustChangePassword && mode !== 'session') throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED');
    if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await touchSession(db, session.id);
      session.lastSeenAt = new Date(now);
    }
  });
  // Before the answer leaves, so that a signed-in caller's next request sees its own change. Writes
  // without a session (citizens' submissions, Open311 clients, login) leave the caches alone: none
  // of them reads a cached session or people page back, and a change of organisation data or an
  // ended session from any writer is announced by the database (NOTIFY jiceng_changed, app.ts).
  app.addHook('onSend', async (req, _reply, payload) => {
    if (unsafeMethods.has(req.method) && req.session) dataChanged();
    return payload;
  });
}
