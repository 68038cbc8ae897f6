import { z } from 'zod';
import type { ModuleManifest } from '../../core/module.ts';
import { ctxOf } from '../../core/request-context.ts';
import { requireAbility } from '../../core/guards.ts';
import { ZAuditEntry, ZAuditQuery, searchAudit } from './queries/search-audit.ts';

/** Audit module: read-only search of the append-only audit log (writes come from commands). */
export const auditModule: ModuleManifest = {
  name: 'audit',
  routes(app, { database, config }) {
    app.get(
      '/audit',
      { schema: { tags: ['audit'], summary: 'Search the audit log (newest first)', querystring: ZAuditQuery, response: { 200: z.object({ items: z.array(ZAuditEntry), nextCursor: z.string().nullable() }) } } },
      async (req) => {
        requireAbility(req, 'audit.read');
        return searchAudit(ctxOf(req, database.db, config), req.query);
      },
    );
  },
};
