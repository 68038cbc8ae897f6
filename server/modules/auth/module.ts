import { z } from 'zod';
import type { ModuleManifest } from '../../core/module.ts';
import { ctxOf } from '../../core/request-context.ts';
import { AppError } from '../../core/errors.ts';
import { actions, scopeFor } from '../../core/policy.ts';
import { SESSION_COOKIE } from '../../core/http-auth.ts';
import { ZChangePasswordRequest, ZLoginRequest, ZSessionResponse, type TSessionResponse } from './schema.ts';
import { logIn } from './commands/log-in.ts';
import { logOut } from './commands/log-out.ts';
import { changePassword } from './commands/change-password.ts';
import { loadSession, type LoadedSession } from './session-store.ts';

/** Presents a session to its owner: account, roles, abilities and the CSRF token. */
function presentSession(s: LoadedSession, idleMinutes: number): TSessionResponse {
  return {
    account: { id: s.actor.accountId, username: s.actor.username, displayName: s.actor.displayName, personId: s.actor.personId, mustChangePassword: s.actor.mustChangePassword },
    roles: s.actor.roles.map((r) => ({ role: r.role, unitId: r.unitId, unitName: r.unitName })),
    can: actions.filter((a) => scopeFor(s.actor, a).length > 0),
    csrfToken: s.csrfToken,
    expiresAt: s.expiresAt.toISOString(),
    idleMinutes,
  };
}

const ok = z.object({ ok: z.literal(true) });

/** Auth module: login, logout, current session, password change. */
export const authModule: ModuleManifest = {
  name: 'auth',
  routes(app, { database, config }) {
    const cookieOpts = (expires: Date) => ({ path: '/', httpOnly: true, sameSite: 'strict' as const, secure: config.cookieSecure, expires });

    app.post(
      '/auth/login',
      {
        config: { auth: 'public', rateLimit: { max: 20, timeWindow: 60_000 } },
        schema: { tags: ['auth'], summary: 'Log in with username and password', body: ZLoginRequest, response: { 200: ZSessionResponse } },
      },
      async (req, reply) => {
        const ctx = ctxOf(req, database.db, config);
        const { token, expiresAt } = await logIn(ctx, req.body, req.headers['user-agent']);
        const session = await loadSession(database.db, token);
        if (!session) throw new AppError(401, 'UNAUTHENTICATED');
        reply.setCookie(SESSION_COOKIE, token, cookieOpts(expiresAt));
        return presentSession(session, config.sessionIdleMinutes);
      },
    );

    app.post(
      '/auth/logout',
      { config: { auth: 'session' }, schema: { tags: ['auth'], summary: 'Log out', response: { 200: ok } } },
      async (req, reply) => {
        await logOut(ctxOf(req, database.db, config), req.session!.id);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    );

    app.get(
      '/auth/session',
      { config: { auth: 'session' }, schema: { tags: ['auth'], summary: 'The current session', response: { 200: ZSessionResponse } } },
      async (req) => presentSession(req.session!, config.sessionIdleMinutes),
    );

    app.post(
      '/auth/password',
      {
        config: { auth: 'session', rateLimit: { max: 10, timeWindow: 60_000 } },
        schema: { tags: ['auth'], summary: 'Change my password', body: ZChangePasswordRequest, response: { 200: ZSessionResponse } },
      },
      async (req) => {
        await changePassword(ctxOf(req, database.db, config), req.session!.id, req.body);
        const token = req.cookies[SESSION_COOKIE]!;
        const session = await loadSession(database.db, token);
        return presentSession(session!, config.sessionIdleMinutes);
      },
    );
  },
};
