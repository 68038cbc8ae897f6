import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { maskEmail } from '../../../core/personal-data/mask.ts';
import { decryptField, fieldAad } from '../../../core/personal-data/field-cipher.ts';
import { AppError } from '../../../core/errors.ts';
import { loadMatter } from '../../matters/queries/load-matter.ts';
import { open311Submissions } from '../tables.ts';
import type { TOpen311Submission } from '../schema.ts';

/**
 * What an Open311 client posted with a matter beyond the matter itself, for staff who may read
 * the matter (else 404 like the matter): the email masked, the media link. `submission` is null
 * for a matter that came another way, so the matter page may ask of any matter without an error.
 */
export async function getOpen311Submission(ctx: Ctx, matterId: string): Promise<{ submission: TOpen311Submission | null }> {
  const actor = requireActor(ctx);
  const matter = await loadMatter(ctx.db, actor, matterId);
  const [row] = await ctx.db.select().from(open311Submissions).where(eq(open311Submissions.matterId, matter.id));
  if (!row) return { submission: null };
  let email: string | null = null;
  if (row.emailEnc) {
    if (!ctx.keys) throw new AppError(500, 'SECRET_KEY_MISSING');
    email = maskEmail(decryptField(ctx.keys, row.emailEnc, fieldAad('open311_submission', matter.id, 'email')));
  }
  return { submission: { email, mediaUrl: row.mediaUrl, createdAt: row.createdAt.toISOString() } };
}
