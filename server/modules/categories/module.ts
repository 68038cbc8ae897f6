import type { ModuleManifest } from '../../core/module.ts';
import { registerCategoryRoutes } from './routes.ts';

/** Categories module: the category tree (诉求分类), the dispatch catalogue (派单目录) and reply templates (答复模板). */
export const categoriesModule: ModuleManifest = {
  name: 'categories',
  routes: registerCategoryRoutes,
};
