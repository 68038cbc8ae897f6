import type { TextSpan } from './similarity-types.ts';

/** Spans of two texts that are the same text, pairwise aligned: a[i] matches b[i]. */
export interface OverlappingSpans {
  a: TextSpan[];
  b: TextSpan[];
  /** Characters of `a` covered by the spans (a re-post covers most of the shorter text). */
  covered: number;
}

/**
 * Maximal runs of at least `minLength` identical characters shared by two texts, left to right
 * in `a`, each paired with an occurrence in `b` (the first after the previous match, else the
 * first at all, so a re-post that reorders its paragraphs is still covered): what a reviewer
 * sees highlighted when two messages are compared. Offsets are UTF-16 indexes of the texts.
 */
export function findOverlappingSpans(a: string, b: string, minLength = 8): OverlappingSpans {
  const result: OverlappingSpans = { a: [], b: [], covered: 0 };
  if (a.length < minLength || b.length < minLength) return result;
  const starts = new Map<string, number[]>();
  for (let j = 0; j + minLength <= b.length; j++) {
    const gram = b.slice(j, j + minLength);
    const list = starts.get(gram);
    if (list) list.push(j);
    else starts.set(gram, [j]);
  }
  let i = 0;
  let bFrom = 0;
  while (i + minLength <= a.length) {
    const list = starts.get(a.slice(i, i + minLength));
    // Prefer the occurrence after the last match: repeated phrases then pair up in reading order.
    const j = list ? (list.find((x) => x >= bFrom) ?? list[0]) : undefined;
    if (j === undefined) {
      i++;
      continue;
    }
    let len = minLength;
    while (i + len < a.length && j + len < b.length && a[i + len] === b[j + len]) len++;
    result.a.push({ start: i, end: i + len });
    result.b.push({ start: j, end: j + len });
    result.covered += len;
    i += len;
    bFrom = j + len;
  }
  return result;
}
