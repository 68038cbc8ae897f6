import { runTextTask } from '../run-text-task.ts';
import type { TCopiesRequest } from '../schema.ts';

/**
 * Copied texts in a batch (POST /api/text/copies): pairs of texts — study reflections (心得体会)
 * for now — that largely copy each other, with the shared passages side by side. Until the study
 * module exists an office posts a batch here; that module will call `findCopies` directly.
 */
export async function findCopiedTexts(input: TCopiesRequest) {
  const titles = new Map(input.texts.map((t) => [t.id, t.title ?? null]));
  // A batch of thousands of texts takes a while: a worker thread does it (small ones stay in place).
  const pairs = await runTextTask({
    kind: 'copies',
    texts: input.texts.map((t) => ({ id: t.id, text: t.text })),
    options: input.minOverlap === undefined ? {} : { minOverlap: input.minOverlap },
  });
  return {
    pairs: pairs.map((p) => ({
      a: { id: p.a, title: titles.get(p.a) ?? null },
      b: { id: p.b, title: titles.get(p.b) ?? null },
      overlap: Math.round(p.overlap * 1000) / 1000,
      spans: p.spans.map((s) => ({ a: s.a, b: s.b, text: s.text })),
    })),
  };
}
