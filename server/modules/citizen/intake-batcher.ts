import type { Db } from '../../db/client.ts';
import { insertMatterDrafts, type DraftOutcome, type InsertDraftsOptions, type MatterDraft } from '../matters/commands/create-matter.ts';

/** The most submissions one statement takes in. */
const MAX_BATCH = 64;

interface Waiting {
  draft: MatterDraft;
  resolve: (outcome: DraftOutcome) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit of citizen submissions without an Idempotency-Key or photos: submissions that
 * arrive while `maxInFlight` statements are running wait, and the next statement takes all of them
 * (up to 64) in at once (insertMatterDrafts: one statement, atomic, so one commit). No timer: a
 * submission on an idle server goes alone, after the current turn of the event loop; under load,
 * batches grow by themselves.
 *
 * Promises kept: each caller is answered only after the statement holding its matter has
 * committed; a refusal (category, intake unit) is per submission; if the batch statement fails,
 * nothing of it is stored and each of its submissions is retried alone, so one bad submission
 * cannot fail or lose the others. Each matter's event and audit row are in its statement.
 */
export class IntakeBatcher {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly db: Db,
    private readonly opts: InsertDraftsOptions,
    private readonly maxInFlight: number,
  ) {}

  /** Takes one draft in; resolves after its statement committed. */
  submit(draft: MatterDraft): Promise<DraftOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ draft, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Starts statements after the requests that are ready now have been read (setImmediate runs
   * after the event loop's I/O callbacks): otherwise the first one would start alone, and on
   * PGlite, whose statements run on this thread, every one would.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.schedule();
      });
    }
  }

  private async run(batch: Waiting[]): Promise<void> {
    let outcomes: DraftOutcome[];
    try {
      outcomes = await insertMatterDrafts(this.db, batch.map((w) => w.draft), this.opts);
    } catch (err) {
      if (batch.length === 1) return batch[0].reject(err);
      // Nothing of the batch is stored: each goes again alone, and fails alone if it must.
      await Promise.all(batch.map((w) => insertMatterDrafts(this.db, [w.draft], this.opts).then(([o]) => w.resolve(o), w.reject)));
      return;
    }
    batch.forEach((w, i) => w.resolve(outcomes[i]));
  }
}
