import type { App, ModuleDeps } from '../../../core/module.ts';

/** Import routes (units and people from CSV/XLSX). */
export function registerImportRoutes(_app: App, _deps: ModuleDeps): void {}
