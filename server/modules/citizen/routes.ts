import type { FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { z, type ZodType } from 'zod';
import type { App, ModuleDeps } from '../../core/module.ts';
import type { Ctx } from '../../core/context.ts';
import { ctxOf } from '../../core/request-context.ts';
import { AppError } from '../../core/errors.ts';
import { validatorCompiler } from '../../core/validation.ts';
import type { Lang } from '../../core/messages.ts';
import { cleanFileName, detectPhotoType } from './file-types.ts';
import { PhoneGuard } from './phone-guard.ts';
import { parseWith, readUpload, sendFile, sha256Of } from './http-files.ts';
import { citizenInsertOptions, submitCitizenMatter, type CitizenPhoto } from './commands/submit-citizen-matter.ts';
import { IntakeBatcher } from './intake-batcher.ts';
import { rateAsCitizen } from './commands/rate-as-citizen.ts';
import { lookupCitizenMatter } from './queries/lookup-citizen-matter.ts';
import { getCitizenPhoto } from './queries/get-citizen-photo.ts';
import { listPublicCategories } from './queries/list-public-categories.ts';
import {
  PHOTO_MAX_BYTES,
  PHOTO_MAX_COUNT,
  ZCitizenIntakeRequest,
  ZCitizenIntakeResponse,
  ZCitizenLookupRequest,
  ZCitizenMatter,
  ZCitizenPhotoRequest,
  ZCitizenRateRequest,
  ZIdempotencyHeaders,
  ZPublicCategories,
  type TCitizenIntakeRequest,
} from './schema.ts';

const TEN_MINUTES = 10 * 60_000;

/** Intake statements running at once on PostgreSQL (see IntakeBatcher); the pool has more connections for the rest of the app. */
const INTAKE_STATEMENTS_IN_FLIGHT = 4;

/**
 * Submissions allowed per client address in ten minutes: 10, or JICENG_CITIZEN_SUBMIT_MAX (the
 * intake benchmark sends thousands from one address; a deployment behind a shared NAT may need more).
 */
export function citizenSubmitMax(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.JICENG_CITIZEN_SUBMIT_MAX);
  return Number.isInteger(n) && n > 0 ? n : 10;
}

/** Look-ups (and ratings, photo fetches) allowed per client address in ten minutes. */
export const CITIZEN_LOOKUP_MAX = 30;
export const CITIZEN_RATE_MAX = 20;
export const CITIZEN_PHOTO_MAX = 60;

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** The photos of a multipart submission, each checked by content and size; the order is kept. */
function checkPhotos(files: { fileName: string; data: Buffer }[]): CitizenPhoto[] {
  return files.map((f, i) => {
    if (f.data.length === 0) throw new AppError(400, 'PHOTO_EMPTY', { name: f.fileName });
    const type = detectPhotoType(f.data);
    if (!type) throw new AppError(400, 'PHOTO_TYPE', { name: f.fileName });
    return { fileName: cleanFileName(f.fileName, type, `photo-${i + 1}`), contentType: type.contentType, data: f.data, size: f.data.length, sha256: sha256Of(f.data) };
  });
}

/** The fields and photos of a submission: a JSON body, or multipart with a JSON `data` field and up to 5 `photos`. */
async function readSubmission(req: FastifyRequest, lang: Lang): Promise<{ input: TCitizenIntakeRequest; photos: CitizenPhoto[] }> {
  // A JSON body has passed the route's schema; none at all is judged (and refused) like one.
  if (!req.isMultipart()) return { input: req.body === undefined ? parseWith(ZCitizenIntakeRequest, req.body, lang) : (req.body as TCitizenIntakeRequest), photos: [] };
  const form = await readUpload(req, {
    fileSize: PHOTO_MAX_BYTES,
    maxFiles: PHOTO_MAX_COUNT,
    fileFields: ['photos'],
    textFields: ['data'],
    tooLarge: (name) => new AppError(413, 'PHOTO_TOO_LARGE', { name, limit: mb(PHOTO_MAX_BYTES) }),
    tooMany: () => new AppError(400, 'PHOTO_TOO_MANY', { max: PHOTO_MAX_COUNT }),
  });
  let data = form.fields.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      throw new AppError(400, 'MALFORMED_JSON');
    }
  }
  if (data === undefined) throw new AppError(400, 'UPLOAD_BAD_FORM', { fields: 'data, photos' });
  // Fields first: a form with a missing privacy acceptance is refused before its photos are judged.
  const input = parseWith(ZCitizenIntakeRequest, data, lang);
  return { input, photos: checkPhotos(form.files) };
}

/**
 * The validator of the submission route: a multipart request has no body for the schema to judge
 * (its JSON is in the `data` field, checked with the same schema by readSubmission); a JSON body
 * is judged here as usual.
 */
const multipartOrJsonBody: FastifySchemaCompiler<ZodType> = (route) => {
  const validate = validatorCompiler(route);
  // Fastify hands a missing body over as null.
  return (data) => (route.httpPart === 'body' && data == null ? { value: undefined } : validate(data));
};

/** Public routes of the citizen page (no account): submit, look up, rate, photos, categories. */
export function registerCitizenRoutes(app: App, { database, config, keys }: ModuleDeps): void {
  const phoneGuard = new PhoneGuard();
  // Whoever is logged in on this browser, a public request acts as the citizen channel.
  const citizenCtx = (req: FastifyRequest): Ctx => ({ ...ctxOf(req, database.db, config, keys), actor: null, channel: 'citizen' });
  const limit = (max: number, code: 'CITIZEN_SUBMIT_LIMIT' | 'CITIZEN_LOOKUP_LIMIT') => ({
    max,
    timeWindow: TEN_MINUTES,
    errorResponseBuilder: () => new AppError(429, code, { max, minutes: 10 }),
  });
  const submitMax = citizenSubmitMax();
  // PGlite runs one statement at a time: one in flight, the rest gather for the next.
  const batcher = new IntakeBatcher(database.db, citizenInsertOptions, database.kind === 'pglite' ? 1 : INTAKE_STATEMENTS_IN_FLIGHT);

  app.post(
    '/public/matters',
    {
      config: { auth: 'public', rateLimit: limit(submitMax, 'CITIZEN_SUBMIT_LIMIT') },
      schema: {
        tags: ['citizen'],
        summary: 'Submit a demand from the citizen page (no account); answers the matter code and lookup secret',
        description: `JSON body as below, or multipart/form-data with the same object as JSON in field "data" and up to ${PHOTO_MAX_COUNT} files in field "photos" (≤ 5 MB each; JPEG, PNG, WebP or HEIC by content). All or nothing: a refused photo stores nothing. Idempotency-Key: a retry with the same key and body answers the first result (same code and secret); another body with the same key is 422. ${submitMax} submissions per address in 10 minutes (429).`,
        headers: ZIdempotencyHeaders,
        body: ZCitizenIntakeRequest,
        response: { 201: ZCitizenIntakeResponse },
      },
      // Fastify types a route's compiler by the whole route schema, not by one part of it.
      validatorCompiler: multipartOrJsonBody as never,
    },
    async (req, reply) => {
      const ctx = citizenCtx(req);
      const { input, photos } = await readSubmission(req, ctx.lang);
      const { answer, replayed } = await submitCitizenMatter(ctx, input, photos, req.headers['idempotency-key'] as string | undefined, batcher);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(answer);
    },
  );

  app.post(
    '/public/matters/lookup',
    {
      config: { auth: 'public', rateLimit: limit(CITIZEN_LOOKUP_MAX, 'CITIZEN_LOOKUP_LIMIT') },
      schema: {
        tags: ['citizen'],
        summary: 'Look up one’s own matter with its code and the lookup secret or the last 4 digits of the phone',
        description: 'A wrong pair answers the same 404 as an unknown code. After 10 wrong phone digits for one code in an hour, the phone route of that code answers 429 (the secret still works).',
        body: ZCitizenLookupRequest,
        response: { 200: ZCitizenMatter },
      },
    },
    async (req) => lookupCitizenMatter(citizenCtx(req), phoneGuard, req.body),
  );

  app.post(
    '/public/matters/rate',
    {
      config: { auth: 'public', rateLimit: limit(CITIZEN_RATE_MAX, 'CITIZEN_LOOKUP_LIMIT') },
      schema: {
        tags: ['citizen'],
        summary: 'Rate the reply to one’s own matter: solved or not, 满意 / 基本满意 / 不满意 (不满意 reopens it)',
        description: 'Only a replied matter, and each reply once (409 otherwise).',
        body: ZCitizenRateRequest,
        response: { 200: ZCitizenMatter },
      },
    },
    async (req) => rateAsCitizen(citizenCtx(req), phoneGuard, req.body),
  );

  app.post(
    '/public/matters/photo',
    {
      config: { auth: 'public', rateLimit: limit(CITIZEN_PHOTO_MAX, 'CITIZEN_LOOKUP_LIMIT') },
      schema: {
        tags: ['citizen'],
        summary: 'One photo of one’s own matter (credentials as for the lookup); the image itself',
        body: ZCitizenPhotoRequest,
        response: { 200: z.unknown().describe('The image (Content-Type image/*)') },
      },
    },
    async (req, reply) => sendFile(reply, await getCitizenPhoto(citizenCtx(req), phoneGuard, req.body, req.body.attachmentId)),
  );

  app.get(
    '/public/categories',
    {
      config: { auth: 'public' },
      schema: { tags: ['citizen'], summary: 'Active categories as a tree (Chinese and English names), for the citizen’s picker', response: { 200: ZPublicCategories } },
    },
    async () => ({ items: (await listPublicCategories(database.db)) as z.infer<typeof ZPublicCategories>['items'] }),
  );
}
