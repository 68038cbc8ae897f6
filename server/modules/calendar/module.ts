import type { ModuleManifest } from '../../core/module.ts';
import { registerCalendarRoutes } from './routes.ts';

/** Calendar module: the Chinese working-day calendar (holidays, make-up working days) that deadlines count on. */
export const calendarModule: ModuleManifest = {
  name: 'calendar',
  routes: registerCalendarRoutes,
};
