import type { ModuleManifest } from '../../core/module.ts';
import { registerOrgRoutes } from './routes.ts';

/** Org module: the organisation tree, people, accounts and roles, supervision groups, batches, import. */
export const orgModule: ModuleManifest = {
  name: 'org',
  routes: registerOrgRoutes,
};
