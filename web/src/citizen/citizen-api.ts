import i18n from '../i18n/index.ts';
import { ApiError } from '../api/client.ts';

// The public API of the citizen pages (/api/public/…): no session, no CSRF token. Kept apart
// from the staff client so a citizen's refusal never triggers the staff session handling.

/** The statuses a citizen can see. */
export type CitizenStatus = 'received' | 'dispatched' | 'in_progress' | 'replied' | 'closed' | 'reviewed' | 'merged';
/** The three answers to "are you satisfied". */
export type CitizenRating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

/** One category of the picker. */
export interface PublicCategory {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  children: PublicCategory[];
}

/** What the submit form sends (besides photos). */
export interface CitizenSubmission {
  title?: string;
  description: string;
  categoryId?: string;
  address?: string;
  latitude?: number;
  longitude?: number;
  petitioner?: { name?: string; phone?: string; idNumber?: string; address?: string };
  privacyAccepted: boolean;
}

/** The answer to a submission. */
export interface CitizenReceipt {
  code: string;
  secret: string;
}

/** How the citizen proves the matter is theirs. */
export type CitizenCredentials = { code: string; secret: string } | { code: string; phoneLast4: string };

/** The citizen's view of their matter (server: ZCitizenMatter). */
export interface CitizenMatter {
  code: string;
  title: string;
  description: string;
  category: { name: string; nameEn: string | null } | null;
  address: string | null;
  status: CitizenStatus;
  isMerged: boolean;
  unitName: string | null;
  createdAt: string;
  resolveBy: string | null;
  replyText: string | null;
  repliedAt: string | null;
  rating: { rating: CitizenRating; solved: boolean | null; comment: string | null; ratedAt: string } | null;
  canRate: boolean;
  timeline: { at: string; action: string; status: CitizenStatus }[];
  photos: { id: string; fileName: string; contentType: string; size: number }[];
}

async function errorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | undefined;
  const e = body?.error;
  if (e?.code) return new ApiError(res.status, e.code, e.message ?? e.code, e.fields ?? {});
  return new ApiError(res.status, `HTTP_${res.status}`, i18n.t('error.http', { status: res.status }));
}

async function call(path: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`/api/public${path}`, { ...init, credentials: 'omit', headers: { 'Accept-Language': i18n.language || 'zh-CN', ...(init.headers as Record<string, string>) } });
  } catch {
    throw new ApiError(0, 'NETWORK', i18n.t('error.network'));
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

const postJson = async <T>(path: string, body: unknown): Promise<T> =>
  (await call(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) })).json() as Promise<T>;

/**
 * A key for one fill of the form: a retry or a double tap sends the same one, so the server
 * answers the first result instead of taking the report in twice. getRandomValues works on
 * plain-HTTP pages too, where crypto.randomUUID does not exist.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `m-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The citizen pages' API. */
export const citizenApi = {
  /** The active category tree. */
  categories: async () => ((await (await call('/categories', { method: 'GET', headers: { Accept: 'application/json' } })).json()) as { items: PublicCategory[] }).items,
  /** Submits the report with its photos (multipart: JSON in `data`, files in `photos`). */
  submit: async (submission: CitizenSubmission, photos: File[], idempotencyKey: string): Promise<CitizenReceipt> => {
    const form = new FormData();
    form.append('data', JSON.stringify(submission));
    for (const p of photos) form.append('photos', p, p.name);
    const res = await call('/matters', { method: 'POST', headers: { 'Idempotency-Key': idempotencyKey, Accept: 'application/json' }, body: form });
    return (await res.json()) as CitizenReceipt;
  },
  /** The view of one's own matter. */
  lookup: (cred: CitizenCredentials) => postJson<CitizenMatter>('/matters/lookup', cred),
  /** Rates the reply; answers the view after it. */
  rate: (cred: CitizenCredentials, rating: { solved: boolean; rating: CitizenRating; comment?: string }) => postJson<CitizenMatter>('/matters/rate', { ...cred, ...rating }),
  /** One photo of one's own matter, as an object URL for an <img> (revoke it when done). */
  photoUrl: async (cred: CitizenCredentials, attachmentId: string): Promise<string> => {
    const res = await call('/matters/photo', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...cred, attachmentId }) });
    return URL.createObjectURL(await res.blob());
  },
};
