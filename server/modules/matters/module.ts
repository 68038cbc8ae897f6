import type { ModuleManifest } from '../../core/module.ts';
import { registerMatterRoutes } from './routes.ts';

/** Matters module: the closed loop of demands and problems (受理 → 派单 → 签收 → 答复 → 回访 → 回头看). */
export const mattersModule: ModuleManifest = {
  name: 'matters',
  routes: registerMatterRoutes,
};
