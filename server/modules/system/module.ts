import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { ModuleManifest } from '../../core/module.ts';
import { registerSettingsRoutes } from './settings-routes.ts';

/** System module: health check for load balancers and the CLI; deployment settings. */
export const systemModule: ModuleManifest = {
  name: 'system',
  routes(app, deps) {
    const { database } = deps;
    app.get(
      '/health',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['system'],
          summary: 'Health check',
          response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
        },
      },
      async () => {
        await database.db.execute(sql`select 1`);
        return { status: 'ok' as const, database: database.kind };
      },
    );
    registerSettingsRoutes(app, deps);
  },
};
