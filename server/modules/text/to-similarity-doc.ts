import { TextInputError, recordId, type JsonlRecord } from './jsonl.ts';
import type { SimilarityDoc } from './similarity-types.ts';

/**
 * A checked JSONL record as a message for the similarity features: `id`, `title` and `detail`
 * were required by `readJsonl`; the optional `user` and `time` must be strings and `likes` a
 * non-negative number (or a numeric string, as spreadsheets export it) when present.
 */
export function toSimilarityDoc(r: JsonlRecord, file: string): SimilarityDoc {
  const v = r.value;
  const doc: SimilarityDoc = { id: recordId(r), title: String(v.title), detail: String(v.detail) };
  for (const field of ['user', 'time'] as const) {
    const x = v[field];
    if (x === undefined || x === null || x === '') continue;
    if (typeof x !== 'string' && typeof x !== 'number') throw new TextInputError(`${file}:${r.line}: field "${field}" must be a string`);
    doc[field] = String(x);
  }
  if (v.likes !== undefined && v.likes !== null && v.likes !== '') {
    const likes = typeof v.likes === 'string' ? Number(v.likes.trim()) : v.likes;
    if (typeof likes !== 'number' || !Number.isFinite(likes) || likes < 0) throw new TextInputError(`${file}:${r.line}: field "likes" must be a non-negative number`);
    doc.likes = likes;
  }
  return doc;
}
