import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import { canAnywhere, type Action, type Actor } from './policy.ts';

/** The logged-in actor of a request (the auth hook has run), or 401. */
export function actorOf(req: FastifyRequest): Actor {
  const actor = req.session?.actor;
  if (!actor) throw new AppError(401, 'UNAUTHENTICATED');
  return actor;
}

/** 403 when none of the caller's roles permits `action` anywhere; per-record scope is checked in queries (404). */
export function requireAbility(req: FastifyRequest, action: Action): Actor {
  const actor = actorOf(req);
  if (!canAnywhere(actor, action)) throw new AppError(403, 'FORBIDDEN');
  return actor;
}
