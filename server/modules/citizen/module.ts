import type { ModuleManifest } from '../../core/module.ts';
import { registerCitizenRoutes } from './routes.ts';
import { registerAttachmentRoutes } from './routes-attachments.ts';

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
};
