import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { actorNameOf, type Ctx } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { appendAudit } from '../../../core/audit.ts';
import { decryptField, encryptField, fieldAad } from '../../../core/personal-data/field-cipher.ts';
import type { SecretKeyring } from '../../../core/personal-data/secret-key.ts';
import { categoryRefusal, draftMatter, insertMatterDrafts, type DraftOutcome, type InsertDraftsOptions } from '../../matters/commands/create-matter.ts';
import type { IntakeBatcher } from '../intake-batcher.ts';
import { matterAttachments, matterEvents } from '../../matters/tables.ts';
import type { TMatterCreateRequest } from '../../matters/schema.ts';
import { claimIdempotencyKey, requestHashOf } from '../idempotency.ts';
import { hashLookupSecret, newLookupSecret } from '../lookup-secret.ts';
import { publicIntakeUnitSql } from '../queries/public-intake-unit.ts';
import type { TCitizenIntakeRequest, TCitizenIntakeResponse } from '../schema.ts';

/** The idempotency scope of citizen submissions. */
export const CITIZEN_INTAKE_SCOPE = 'citizen-intake';

/** A photo already read and checked (type by content, size) by the route. */
export interface CitizenPhoto {
  fileName: string;
  contentType: string;
  data: Buffer;
  size: number;
  sha256: string;
}

/** The length of a title taken from the description. */
const DERIVED_TITLE_LENGTH = 30;

/** The title a citizen gave, else the start of the description's first line. */
export function titleOf(input: Pick<TCitizenIntakeRequest, 'title' | 'description'>): string {
  if (input.title) return input.title;
  const firstLine = input.description.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? input.description.trim();
  const chars = [...firstLine];
  return chars.length > DERIVED_TITLE_LENGTH ? `${chars.slice(0, DERIVED_TITLE_LENGTH).join('')}…` : firstLine;
}

/** The staff intake input of a citizen's submission: a demand from the web, normal urgency. */
function matterInputOf(input: TCitizenIntakeRequest): TMatterCreateRequest {
  return {
    kind: 'demand',
    origin: 'web',
    urgency: 'normal',
    title: titleOf(input),
    description: input.description,
    categoryId: input.categoryId,
    address: input.address,
    regionCode: input.regionCode,
    latitude: input.latitude,
    longitude: input.longitude,
    petitioner: input.petitioner,
  };
}

// The secret of a remembered answer is kept encrypted with the personal-data key, bound to its
// key row, so a retry can be given the same secret while the table itself never holds it in clear.
const secretAad = (key: string) => fieldAad('idempotency', `${CITIZEN_INTAKE_SCOPE}:${key}`, 'secret');

/** The answer remembered for a retried submission. */
function replayedAnswer(keys: SecretKeyring | undefined, key: string, stored: unknown): TCitizenIntakeResponse {
  const { code, secretEnc } = stored as { code: string; secretEnc: string };
  try {
    return { code, secret: keys ? decryptField(keys, secretEnc, secretAad(key)) : '' };
  } catch {
    // Only after a key rotation that dropped the old key within the retry window: the code still
    // answers, and the citizen can look the matter up with the phone's last digits.
    return { code, secret: '' };
  }
}

/** The matter as storePhotos needs it. */
type NewMatter = { id: string; intakeUnitPath: string };

/** Stores the citizen's photos of a new matter, with one timeline event and one audit row. */
async function storePhotos(tx: Tx, ctx: Ctx, matter: NewMatter, photos: readonly CitizenPhoto[]): Promise<void> {
  if (!photos.length) return;
  const rows = await tx
    .insert(matterAttachments)
    .values(
      photos.map((p) => ({
        matterId: matter.id,
        source: 'citizen',
        visibleToCitizen: true,
        fileName: p.fileName,
        contentType: p.contentType,
        size: p.size,
        sha256: p.sha256,
        data: p.data,
      })),
    )
    .returning({ id: matterAttachments.id });
  const attachmentIds = rows.map((r) => r.id);
  // The timeline row recordMatterEvent writes; the matter is new, so its status is `received`.
  await tx.insert(matterEvents).values({ matterId: matter.id, at: new Date(), actorAccountId: ctx.actor?.accountId ?? null, actorName: actorNameOf(ctx), action: 'attach', fromStatus: null, toStatus: 'received', note: null, data: { source: 'citizen', count: rows.length, attachmentIds } });
  await appendAudit(tx, ctx, { action: 'matter.attach', subjectType: 'matter', subjectId: matter.id, unitPath: matter.intakeUnitPath, after: { source: 'citizen', count: rows.length, attachmentIds } });
}

/** The statement options of a citizen submission; the batcher of the routes uses the same. */
export const citizenInsertOptions: InsertDraftsOptions = { intakeUnit: publicIntakeUnitSql(), prepare: 'citizen_intake' };

/** The answer to a draft: its matter, or the refusal in the submitter's language. */
function takenIn(ctx: Ctx, outcome: DraftOutcome): { id: string; code: string; intakeUnitPath: string } {
  if (outcome.ok) return outcome;
  if (outcome.refusal === 'category') throw categoryRefusal(ctx.lang);
  if (outcome.refusal === 'no_intake_unit') throw new AppError(503, 'PUBLIC_INTAKE_CLOSED');
  // Only a draft that carries a key can find it taken; the callers below handle that before.
  throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS');
}

/**
 * Takes in what a citizen submitted on the phone page (channel `citizen`, no account): the matter
 * in the public intake unit, its photos, and — with an Idempotency-Key — the remembered answer,
 * all at once, so a failed request leaves nothing behind. Answers the matter code and a new random
 * lookup secret, of which only the sha256 is kept on the matter. A retry with the same key and
 * body gets the first answer (secret included); with another body, 422.
 *
 * Round trips: the matter, its event and audit row — and the claimed key with its answer — are one
 * statement (insertMatterDrafts), with the intake unit and the category check inside it. Without
 * photos that statement is the whole request, atomic by itself (no BEGIN/COMMIT), and `batcher`
 * (the routes') may take several concurrent submissions in with one statement. A key already
 * taken (a retry or a double tap) goes the way below: BEGIN, claim (waiting for a twin still
 * running), replay or 422, COMMIT. With photos: BEGIN, claim, statement, photos, COMMIT.
 */
export async function submitCitizenMatter(
  ctx: Ctx,
  input: TCitizenIntakeRequest,
  photos: readonly CitizenPhoto[],
  idempotencyKey?: string,
  batcher?: IntakeBatcher,
): Promise<{ answer: TCitizenIntakeResponse; replayed: boolean }> {
  if (idempotencyKey && !ctx.keys) throw new AppError(500, 'SECRET_KEY_MISSING');
  const requestHash = idempotencyKey ? requestHashOf(input, photos.map((p) => p.sha256)) : '';
  if (!photos.length) {
    const secret = newLookupSecret();
    const draft = draftMatter(ctx, matterInputOf(input), { lookupSecretHash: hashLookupSecret(secret) });
    if (idempotencyKey) draft.idempotency = { scope: CITIZEN_INTAKE_SCOPE, key: idempotencyKey, requestHash, answer: { secretEnc: encryptField(ctx.keys!.current, secret, secretAad(idempotencyKey)) } };
    const [outcome] = batcher ? [await batcher.submit(draft)] : await insertMatterDrafts(ctx.db, [draft], citizenInsertOptions);
    if (outcome.ok || outcome.refusal !== 'key_taken') return { answer: { code: takenIn(ctx, outcome).code, secret }, replayed: false };
  }
  return ctx.db.transaction(async (tx) => {
    let remember: SQL | undefined;
    const secret = newLookupSecret();
    if (idempotencyKey) {
      const claim = await claimIdempotencyKey(tx, CITIZEN_INTAKE_SCOPE, idempotencyKey, requestHash);
      if (claim.replay) return { answer: replayedAnswer(ctx.keys, idempotencyKey, claim.response), replayed: true };
      // The answer is remembered by the statement that creates the matter.
      remember = sql`,
remember as (
  update idempotency_keys set status_code = 201, response = jsonb_build_object('code', m.code, 'secretEnc', ${encryptField(ctx.keys!.current, secret, secretAad(idempotencyKey))}::text)
  from m where scope = ${CITIZEN_INTAKE_SCOPE}::text and key = ${idempotencyKey}::text
)`;
    }
    const draft = draftMatter(ctx, matterInputOf(input), { lookupSecretHash: hashLookupSecret(secret) });
    const [outcome] = await insertMatterDrafts(tx, [draft], { ...citizenInsertOptions, alsoWith: remember });
    const matter = takenIn(ctx, outcome);
    await storePhotos(tx, ctx, matter, photos);
    return { answer: { code: matter.code, secret }, replayed: false };
  });
}
