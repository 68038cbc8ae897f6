import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from './config.ts';
import type { Database } from './db/client.ts';
import type { SecretKeyring } from './core/personal-data/secret-key.ts';
import { validatorCompiler } from './core/validation.ts';
import { handleError } from './core/http-errors.ts';
import { registerAuthHook } from './core/http-auth.ts';
import { dataChanged } from './core/data-generation.ts';
import { messageFor, pickLang, type Lang } from './core/messages.ts';
import type { App, ModuleManifest } from './core/module.ts';
import { systemModule } from './modules/system/module.ts';
import { authModule } from './modules/auth/module.ts';
import { orgModule } from './modules/org/module.ts';
import { auditModule } from './modules/audit/module.ts';
import { calendarModule } from './modules/calendar/module.ts';
import { mattersModule } from './modules/matters/module.ts';
import { categoriesModule } from './modules/categories/module.ts';
import { citizenModule } from './modules/citizen/module.ts';
import { jobsModule } from './modules/jobs/module.ts';
import { notifyModule } from './modules/notify/module.ts';
import { open311Module } from './modules/open311/module.ts';
import { textModule } from './modules/text/module.ts';
import type { JobDefinition } from './modules/jobs/job-definition.ts';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
  }
  interface FastifyInstance {
    /** Every API route (method and URL pattern), so tests can prove each one is covered. */
    apiRoutes: { method: string; url: string }[];
  }
}

/** Every module of the app, registered explicitly (no registration by import side effects). */
export const modules: ModuleManifest[] = [systemModule, authModule, orgModule, auditModule, calendarModule, categoriesModule, mattersModule, jobsModule, notifyModule, citizenModule, open311Module, textModule];

/** Every module's background jobs, for the runner `serve` starts (server/modules/jobs). */
export function jobDefinitions(): JobDefinition[] {
  return modules.flatMap((m) => m.jobs ?? []);
}

/** Upper limit of a JSON body outside uploads. */
export const JSON_BODY_LIMIT = 1024 * 1024;
/** Upper limit of an uploaded import file. */
export const UPLOAD_LIMIT = 10 * 1024 * 1024;

/** Builds the HTTP app over an open database; does not listen. */
export async function buildApp(database: Database, config: AppConfig, opts: { logger?: boolean; keys?: SecretKeyring } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: config.logLevel } : false,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: process.env.JICENG_TRUST_PROXY === '1',
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  const apiRoutes: { method: string; url: string }[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (r) => {
    if (!r.url.startsWith('/api/') || r.url.startsWith('/api/docs')) return;
    for (const method of [r.method].flat()) if (method !== 'HEAD') apiRoutes.push({ method, url: r.url });
  });
  app.decorateRequest('lang', 'zh-CN');
  app.addHook('onRequest', async (req) => {
    req.lang = pickLang(req.headers['accept-language']);
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 10 }, throwFileSizeLimit: true });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Jiceng API', description: '基层工作平台 API — JSON, zod-validated. Errors: {"error":{"code","message","fields"}}.', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jiceng_sid' }, csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' } } },
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      // Multipart uploads have no zod body; describe the `file` field so clients can see it. A route
      // says what its file may be in `x-file-description` (default: the import tables).
      const schema = input.schema as { consumes?: string[]; 'x-file-description'?: string } | undefined;
      if (schema?.consumes?.includes('multipart/form-data')) {
        (out.schema as Record<string, unknown>).body = {
          type: 'object',
          required: ['file'],
          properties: { file: { type: 'string', format: 'binary', description: schema['x-file-description'] ?? '.csv (UTF-8 or GBK) or .xlsx' } },
        };
        delete (out.schema as Record<string, unknown>)['x-file-description'];
      }
      return out;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerAuthHook(app, database.db, config);
  // Organisation data or sessions changed elsewhere (migration 0009): end this instance's cached reads.
  const stopListening = await database.listen('jiceng_changed', dataChanged);
  app.addHook('onClose', async () => stopListening());
  await app.register(
    async (api) => {
      for (const m of modules) m.routes?.(api as unknown as App, { database, config, keys: opts.keys });
    },
    { prefix: '/api' },
  );
  // Routes outside /api (Open311): each module in a scope of its own, outside the session hook's paths.
  for (const m of modules) {
    if (m.rootRoutes) await app.register(async (scope) => m.rootRoutes!(scope as unknown as App, { database, config, keys: opts.keys }));
  }

  const indexHtml = path.join(config.webDir, 'index.html');
  const hasWeb = fs.existsSync(indexHtml);
  if (hasWeb) await app.register(fastifyStatic, { root: config.webDir, wildcard: false, index: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api') || req.url.startsWith('/open311') || req.method !== 'GET' || !hasWeb) {
      return reply.status(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: messageFor('ROUTE_NOT_FOUND', req.lang, { method: req.method, url: req.url.split('?')[0] }) } });
    }
    // Client-side routes of the single-page app.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
