import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { ClassifierModel } from '../classifier-model.ts';
import { parseClassifier } from '../parse-classifier.ts';
import { textModels } from '../tables.ts';
import type { TextModelKind } from '../schema.ts';

/** A model in use: the parsed classifier and the row it came from. */
export interface CurrentTextModel {
  id: string;
  kind: TextModelKind;
  createdAt: Date;
  trainedOn: number;
  classifier: ClassifierModel;
}

/** How long a process keeps using its model before asking whether a newer one exists. */
export const MODEL_CHECK_MS = 60_000;

interface Cached {
  model: CurrentTextModel | null;
  checkedAt: number;
}

const cache = new WeakMap<object, Map<TextModelKind, Cached>>();
// Loads in progress, so concurrent requests after a check interval parse a model once.
const loading = new WeakMap<object, Map<TextModelKind, Promise<CurrentTextModel | null>>>();

/**
 * The newest model of a kind (newest row wins), parsed once per process and kept in memory with
 * its id. At most once a minute the process asks for the newest row's id (one small query) and
 * loads the model again only when it changed; null when none has been trained yet.
 */
export async function loadCurrentModel(db: Db, kind: TextModelKind, now: number = Date.now()): Promise<CurrentTextModel | null> {
  let perKind = cache.get(db);
  if (!perKind) cache.set(db, (perKind = new Map()));
  const hit = perKind.get(kind);
  if (hit && now - hit.checkedAt < MODEL_CHECK_MS) return hit.model;
  let inFlight = loading.get(db);
  if (!inFlight) loading.set(db, (inFlight = new Map()));
  const pending = inFlight.get(kind);
  if (pending) return pending;
  const load = (async () => {
    const [newest] = await db
      .select({ id: textModels.id })
      .from(textModels)
      .where(eq(textModels.kind, kind))
      .orderBy(desc(textModels.createdAt), desc(textModels.id))
      .limit(1);
    let model: CurrentTextModel | null = null;
    if (newest && hit?.model?.id === newest.id) model = hit.model;
    else if (newest) {
      const [row] = await db.select().from(textModels).where(and(eq(textModels.id, newest.id), eq(textModels.kind, kind)));
      if (row) model = { id: row.id, kind, createdAt: row.createdAt, trainedOn: row.trainedOn, classifier: parseClassifier(row.model) };
    }
    perKind.set(kind, { model, checkedAt: now });
    return model;
  })();
  inFlight.set(kind, load);
  try {
    return await load;
  } finally {
    inFlight.delete(kind);
  }
}

/** Forgets this process's models of a database, so the next request loads the newest (after training). */
export function forgetCurrentModels(db: Db): void {
  cache.delete(db);
}
