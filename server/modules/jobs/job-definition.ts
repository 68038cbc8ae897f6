import type { Ctx } from '../../core/context.ts';
import type { Sender } from '../notify/sender.ts';
import type { jobs } from './tables.ts';

/** One row of the `jobs` table. */
export type JobRow = typeof jobs.$inferSelect;

/** The few logging calls a job needs; Fastify's pino logger and `console`-like test loggers fit. */
export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What every job handler gets besides its payload. */
export interface JobContext {
  /** A context without an account: `actor` null, `channel` 'system'; events and audit rows name 系统. */
  ctx: Ctx;
  /** The time the runner treats as now (tests pass a later time instead of sleeping). */
  now: Date;
  /** Delivers SMS and webhooks (the logging driver unless configured otherwise). */
  sender: Sender;
  log: JobLogger;
  job: JobRow;
}

/**
 * A kind of background job, declared in a module manifest (`jobs`). A recurring job (`everyMs`)
 * keeps one row pending at a time (dedupe key `recurring:<kind>`) and enqueues its next run when
 * it finishes, so a scan runs about every `everyMs` across all instances together.
 */
export interface JobDefinition {
  kind: string;
  /** Does the work; a throw records the error and retries with backoff up to `maxAttempts`. */
  run(job: JobContext, payload: unknown): Promise<void>;
  /** Run again this long after each run finishes. */
  everyMs?: number;
  /** Attempts before the job is marked failed (default 5). */
  maxAttempts?: number;
}
