import type { Ctx } from '../../../core/context.ts';
import { requireActor } from '../../../core/context.ts';
import { appendAudit } from '../../../core/audit.ts';
import { matterNotes } from '../tables.ts';
import { coUnitPathsOf, loadMatter } from '../queries/load-matter.ts';
import { assertRoleOnMatter } from '../policy.ts';
import type { MatterStatus } from '../state-machine.ts';
import type { TMatterNoteRequest } from '../schema.ts';
import { recordMatterEvent } from './apply-transition.ts';

/**
 * Adds an internal note (内部备注) to a matter, in any state (intake office, responsible unit, co-units). Notes are staff-only: the timeline
 * event and the audit row name the note, never its text, so no view that shows the timeline to
 * citizens can leak it. A note does not change the matter, so it never conflicts with an action.
 */
export async function addNote(ctx: Ctx, id: string, input: TMatterNoteRequest) {
  const actor = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    // Locked only so the event's status is the one the note was written in.
    const matter = await loadMatter(tx, actor, id, { forUpdate: true });
    assertRoleOnMatter(actor, { ...matter, coUnitPaths: await coUnitPathsOf(tx, id) }, 'add_note');
    const [note] = await tx.insert(matterNotes).values({ matterId: id, authorAccountId: actor.accountId, authorName: actor.displayName, body: input.body }).returning();
    await recordMatterEvent(tx, ctx, matter, 'add_note', matter.status as MatterStatus, null, { noteId: note.id });
    await appendAudit(tx, ctx, { action: 'matter.add_note', subjectType: 'matter', subjectId: id, unitPath: matter.unitPath ?? matter.intakeUnitPath, after: { noteId: note.id } });
    return matter;
  });
}
