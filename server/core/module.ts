import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { SecretKeyring } from './personal-data/secret-key.ts';
import type { JobDefinition } from '../modules/jobs/job-definition.ts';

/** The Fastify instance routes are registered on, typed by zod schemas. */
export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

/** What a module gets when it registers its routes. */
export interface ModuleDeps {
  database: Database;
  config: AppConfig;
  /** The personal-data keys loaded at start (buildApp's `keys` option). */
  keys?: SecretKeyring;
}

/** A domain module's manifest: the one place that says what the module adds to the app. */
export interface ModuleManifest {
  name: string;
  /** Registers the module's HTTP routes under /api. */
  routes?(app: App, deps: ModuleDeps): void;
  /**
   * Registers routes outside /api (Open311 at /open311/v2), in a scope of their own: the /api
   * session hook does not apply, and the module may set its own error and not-found handlers.
   */
  rootRoutes?(app: App, deps: ModuleDeps): Promise<void>;
  /** The background jobs the module runs (server/modules/jobs), registered here and nowhere else. */
  jobs?: readonly JobDefinition[];
}
