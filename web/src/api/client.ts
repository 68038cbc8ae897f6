import i18n from '../i18n/index.ts';
import type { ImportRowError, Session } from './types.ts';

/** An error answer of the API (or a failure to reach it), with the server's field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field path (dotted, e.g. `roles.0.unitId`) → localised message; `_` means the whole form. */
    readonly fields: Record<string, string> = {},
    /** Row errors of a refused import. */
    readonly rowErrors: ImportRowError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** True when an unknown thrown value is an ApiError with the given code. */
export function isApiError(err: unknown, code?: string): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();
const sessionListeners = new Set<(s: Session) => void>();
const staleListeners = new Set<() => void>();

/** Remembers the CSRF token of the current session; every write carries it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Subscribes to "the session is gone" (any 401 outside the login call); returns the unsubscriber. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Subscribes to sessions the client fetched on its own (after a stale CSRF token); returns the unsubscriber. */
export function onSessionRefreshed(listener: (s: Session) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** Subscribes to "the session changed on the server" (a password change became required). */
export function onSessionStale(listener: () => void): () => void {
  staleListeners.add(listener);
  return () => staleListeners.delete(listener);
}

/** Builds `/api{path}?query`, leaving out empty values so filters can be passed as they are. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const e = (body as { error?: { code?: string; message?: string; fields?: Record<string, string>; errors?: ImportRowError[] } } | undefined)?.error;
  if (e && typeof e.code === 'string') {
    return new ApiError(res.status, e.code, e.message ?? e.code, e.fields ?? {}, Array.isArray(e.errors) ? e.errors : []);
  }
  // A proxy or a crashed server answers without our error envelope.
  return new ApiError(res.status, `HTTP_${res.status}`, i18n.t('error.http', { status: res.status }));
}

interface SendOptions {
  method: string;
  path: string;
  query?: Query;
  body?: unknown;
  form?: FormData;
  /** Set on the retry after a CSRF refresh so a second refusal is final. */
  retried?: boolean;
}

async function send<T>(opts: SendOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language || 'zh-CN' };
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (unsafeMethods.has(opts.method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(apiUrl(opts.path, opts.query), { method: opts.method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('error.network'));
  }
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }
  const err = await toApiError(res);
  if (res.status === 401 && opts.path !== '/auth/login' && opts.path !== '/auth/session') {
    for (const l of unauthorizedListeners) l();
  }
  if (err.code === 'PASSWORD_CHANGE_REQUIRED') for (const l of staleListeners) l();
  // The token changes when the user logs in again in another tab; fetch the current one once.
  if (err.code === 'CSRF_FAILED' && !opts.retried && unsafeMethods.has(opts.method)) {
    const session = await send<Session>({ method: 'GET', path: '/auth/session' }).catch(() => null);
    if (session) {
      setCsrfToken(session.csrfToken);
      for (const l of sessionListeners) l(session);
      return send<T>({ ...opts, retried: true });
    }
  }
  throw err;
}

/** The JSON API under /api: credentials same-origin, CSRF token on writes, UI language for messages. */
export const api = {
  /** GET a JSON resource. */
  get: <T>(path: string, query?: Query) => send<T>({ method: 'GET', path, query }),
  /** POST a JSON body. */
  post: <T>(path: string, body?: unknown) => send<T>({ method: 'POST', path, body }),
  /** PATCH a JSON body. */
  patch: <T>(path: string, body: unknown) => send<T>({ method: 'PATCH', path, body }),
  /** PUT a JSON body. */
  put: <T>(path: string, body: unknown) => send<T>({ method: 'PUT', path, body }),
  /** DELETE a resource. */
  delete: <T>(path: string) => send<T>({ method: 'DELETE', path }),
  /** POST one file as multipart field `file`, after the text `fields` if any. */
  upload: <T>(path: string, file: File | Blob, filename?: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, filename ?? (file instanceof File ? file.name : 'upload'));
    return send<T>({ method: 'POST', path, form });
  },
};
