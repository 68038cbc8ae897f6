import crypto from 'node:crypto';
import type { Ctx } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { encryptField, fieldAad } from '../../../core/personal-data/field-cipher.ts';
import type { Lang } from '../../../core/messages.ts';
import { createMatter } from '../../matters/commands/create-matter.ts';
import type { TMatterCreateRequest } from '../../matters/schema.ts';
import { titleOf } from '../../citizen/commands/submit-citizen-matter.ts';
import { findService } from '../queries/list-services.ts';
import type { ApiKeyGrant } from '../queries/resolve-api-key.ts';
import type { SparkValue } from '../spark-xml.ts';
import { open311Submissions } from '../tables.ts';

/** The spec's limit on a description. */
export const MAX_DESCRIPTION = 4000;
const MAX_ADDRESS = 300;
const MAX_NAME = 50;
const MAX_MEDIA_URL = 2000;
const MAX_EMAIL = 254;
const MAX_CLIENT_ID = 200;
const PHONE = /^[0-9+\-() /]{5,40}$/;
/** A plausible address (one @, a dot in the domain, no spaces); the client's users are not mailed, so no more is checked. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A field of the posted form: a string (forms) or a number (JSON), trimmed; blank is absent ("optional" in the spec's sense). */
function text(body: Record<string, unknown>, field: string): string | undefined {
  const v = body[field];
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

function limited(body: Record<string, unknown>, field: string, max: number): string | undefined {
  const v = text(body, field);
  if (v !== undefined && [...v].length > max) throw new AppError(400, 'OPEN311_TOO_LONG', { field, max });
  return v;
}

function coordinate(value: string | undefined, field: 'lat' | 'long'): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const bound = field === 'lat' ? 90 : 180;
  if (!/^-?\d+(\.\d+)?$/.test(value) || !(Math.abs(n) <= bound)) throw new AppError(400, 'OPEN311_INVALID', { field });
  return n;
}

/** The submitter's name as written in Chinese (family name first, no space) or else given name first. */
function fullName(first: string | undefined, last: string | undefined): string | undefined {
  if (!first && !last) return undefined;
  const han = /\p{Script=Han}/u;
  return han.test(`${first ?? ''}${last ?? ''}`) ? `${last ?? ''}${first ?? ''}` : [first, last].filter(Boolean).join(' ');
}

/** What POST requests answers (the spec's `service_requests` list of one). */
function notice(code: string, lang: Lang): string {
  return lang === 'zh-CN' ? `诉求已受理，将按时限办理并答复，可凭编号 ${code} 查询办理进展。` : `Your request has been received and will be handled and answered within the time limits; track it by its id ${code}.`;
}

/**
 * POST requests (GeoReport v2): validates the form as the spec says — a service_code of an
 * active category (400 when missing, 404 when unknown), a location (lat and long, or
 * address_string, or address_id), a description of at most 4,000 characters — and takes the
 * request in as a matter through the matters module's `createMatter`: a demand from the web,
 * taken in by the key's unit, by the channel `open311`, with the submitter's name and phone
 * encrypted like any petitioner's and a token for `tokens/{token}`. email (encrypted), device_id,
 * account_id and media_url go to `open311_submissions` in the matter's transaction. The answer is
 * realtime: the service_request_id (the matter code) at once.
 */
export async function createServiceRequest(ctx: Ctx, grant: ApiKeyGrant, body: Record<string, unknown>): Promise<SparkValue> {
  const serviceCode = text(body, 'service_code');
  if (!serviceCode) throw new AppError(400, 'OPEN311_REQUIRED', { field: 'service_code' });
  const service = await findService(ctx.db, serviceCode);
  if (!service) throw new AppError(404, 'OPEN311_SERVICE_NOT_FOUND', { code: serviceCode });

  const lat = coordinate(text(body, 'lat'), 'lat');
  const long = coordinate(text(body, 'long'), 'long');
  const addressString = limited(body, 'address_string', MAX_ADDRESS);
  const addressId = limited(body, 'address_id', 100);
  // lat and long count only together.
  if ((lat === undefined) !== (long === undefined) || (lat === undefined && !addressString && !addressId)) throw new AppError(400, 'OPEN311_LOCATION');

  const description = limited(body, 'description', MAX_DESCRIPTION);
  const phone = text(body, 'phone');
  if (phone !== undefined && !PHONE.test(phone)) throw new AppError(400, 'OPEN311_INVALID', { field: 'phone' });
  const mediaUrl = limited(body, 'media_url', MAX_MEDIA_URL);
  if (mediaUrl !== undefined && !/^https?:\/\/\S+$/i.test(mediaUrl)) throw new AppError(400, 'OPEN311_INVALID', { field: 'media_url' });
  const name = fullName(limited(body, 'first_name', MAX_NAME), limited(body, 'last_name', MAX_NAME));
  const email = limited(body, 'email', MAX_EMAIL);
  if (email !== undefined && !EMAIL.test(email)) throw new AppError(400, 'OPEN311_INVALID', { field: 'email' });
  const deviceId = limited(body, 'device_id', MAX_CLIENT_ID);
  const accountId = limited(body, 'account_id', MAX_CLIENT_ID);
  if (email !== undefined && !ctx.keys) throw new AppError(500, 'SECRET_KEY_MISSING');

  const address = addressString ?? (addressId ? `address_id ${addressId}` : undefined);
  const said = description ?? `${service.row.name}${address ? `：${address}` : ''}`;
  const input: TMatterCreateRequest = {
    kind: 'demand',
    origin: 'web',
    urgency: 'normal',
    title: titleOf({ title: undefined, description: said }),
    description: said,
    categoryId: service.row.id,
    address,
    latitude: lat,
    longitude: long,
    petitioner: name || phone ? { name, phone } : undefined,
  };
  const token = crypto.randomBytes(18).toString('base64url');
  const matter = await ctx.db.transaction(async (tx) => {
    // createMatter's own transaction becomes a savepoint of this one: the details commit with the matter or not at all.
    const row = await createMatter({ ...ctx, db: tx, actor: null, channel: 'open311' }, input, { intakeUnit: grant.intakeUnit, externalToken: token });
    if (email || deviceId || accountId || mediaUrl) {
      await tx.insert(open311Submissions).values({
        matterId: row.id,
        emailEnc: email ? encryptField(ctx.keys!.current, email, fieldAad('open311_submission', row.id, 'email')) : null,
        deviceId: deviceId ?? null,
        accountId: accountId ?? null,
        mediaUrl: mediaUrl ?? null,
      });
    }
    return row;
  });
  // Realtime: the id is answered and the token is not (the spec returns one or the other).
  return [{ service_request_id: matter.code, service_notice: notice(matter.code, ctx.lang), account_id: null }];
}
