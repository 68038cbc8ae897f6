import type { ModuleManifest } from '../../core/module.ts';
import { registerCitizenRoutes } from './routes.ts';
import { registerAttachmentRoutes } from './routes-attachments.ts';
import { pruneIdempotencyKeys } from './commands/prune-idempotency-keys.ts';

/**
 * Citizen module: the public channel without an account (submit on the phone page, look up,
 * rate the reply) and the files of matters (citizens' photos, staff uploads and downloads).
 */
export const citizenModule: ModuleManifest = {
  name: 'citizen',
  routes(app, deps) {
    registerCitizenRoutes(app, deps);
    registerAttachmentRoutes(app, deps);
  },
  // Remembered answers to Idempotency-Keys are only needed while a client may still retry.
  jobs: [{ kind: 'citizen.prune_idempotency_keys', everyMs: 60 * 60_000, run: async ({ ctx, now }) => void (await pruneIdempotencyKeys(ctx.db, now)) }],
};
