import path from 'node:path';

/** Runtime configuration, read once from the environment. */
export interface AppConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  demoPassword: string | undefined;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  cookieSecure: boolean;
  logLevel: string;
  webDir: string;
  /**
   * JICENG_SECRET_KEY exactly as given (undefined when unset: the key file in dataDir is used).
   * Checked by loadSecretKeys, not here, so that only commands that need the key fail without it.
   */
  secretKey: string | undefined;
  /** JICENG_SECRET_KEY_PREVIOUS split at commas: older keys that still decrypt after a rotation. */
  previousSecretKeys: string[];
  /**
   * JICENG_READ_CACHE (default on; `off` turns it off): serve a people page again for up to 2 s
   * while no write has happened (see core/read-cache.ts).
   */
  readCache: boolean;
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/** Reads the configuration from environment variables (documented in README). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    host: env.HOST || '127.0.0.1',
    port: intFromEnv('PORT', 8080),
    dataDir: path.resolve(env.JICENG_DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    demoPassword: env.JICENG_DEMO_PASSWORD || undefined,
    sessionIdleMinutes: intFromEnv('JICENG_SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: intFromEnv('JICENG_SESSION_ABSOLUTE_HOURS', 12),
    cookieSecure: env.JICENG_COOKIE_SECURE === '1' || env.JICENG_COOKIE_SECURE === 'true',
    logLevel: env.LOG_LEVEL || 'info',
    webDir: path.resolve(env.JICENG_WEB_DIR || './dist/web'),
    // Unlike the other settings, set-but-empty is kept: an empty key from a deployment template is
    // an error, not a quiet fallback to a new key file.
    secretKey: env.JICENG_SECRET_KEY,
    previousSecretKeys: (env.JICENG_SECRET_KEY_PREVIOUS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== ''),
    readCache: !['off', '0', 'false'].includes((env.JICENG_READ_CACHE ?? '').trim().toLowerCase()),
  };
}
