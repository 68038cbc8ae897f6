import type { ModuleManifest } from '../../core/module.ts';
import { registerOpen311KeyRoutes } from './routes.ts';
import { registerGeoReportRoutes } from './georeport-routes.ts';
import { envApiKeyHashes } from './api-keys.ts';

/**
 * Open311 module: GeoReport v2 at /open311/v2 for existing 311 clients and tools (public; posts
 * need an api_key), and the admin routes that issue and revoke keys under /api/open311/keys.
 * Keys from JICENG_OPEN311_KEYS are read when the app is built.
 */
export const open311Module: ModuleManifest = {
  name: 'open311',
  routes: registerOpen311KeyRoutes,
  rootRoutes: (app, deps) => registerGeoReportRoutes(app, deps, envApiKeyHashes(process.env.JICENG_OPEN311_KEYS)),
};
