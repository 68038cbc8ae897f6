import { TITLE_WEIGHT } from './similarity-term-counts.ts';
import { addSimilarityWords } from './add-similarity-words.ts';
import { collectBigramKeys } from './collect-bigram-keys.ts';
import { bigramText } from './bigram-text.ts';
import { IntIdTable } from './int-id-table.ts';
import { cleanText } from './normalize.ts';
import type { SimilarityDoc } from './similarity-types.ts';

/**
 * The counted terms of a run of messages in CSR form: message d's terms are entries
 * docStart[d] … docStart[d + 1] − 1 of `termIds` and `counts` (weighted counts). Term numbers
 * belong to the builder (`source`) that counted them, numbered in order of first appearance
 * (messages in order; in a message its words first, then its bigrams by key); `terms` are the
 * ones this run added to that builder's vocabulary, numbered from `firstTerm`. So runs merged in
 * message order number their terms exactly as one pass would. Plain data: it crosses a
 * worker-thread boundary as it is.
 */
export interface TermBags {
  docStart: Int32Array;
  termIds: Int32Array;
  counts: Float32Array;
  terms: string[];
  firstTerm: number;
  source: number;
}

/** A copy of `a` with room for at least `need` elements (doubling, so appends stay amortised O(1)). */
function grownInt(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function grownFloat(a: Float32Array<ArrayBuffer>, need: number): Float32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Float32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Counts the similarity terms of messages (the same terms as `similarityTermCounts`: jieba
 * words, title ×TITLE_WEIGHT, and character bigrams) into a growing vocabulary. Bigrams are
 * counted without a map: their integer keys are collected, sorted and counted in runs, and no
 * string is built for a bigram already known. `bag` leaves one message's terms in `bagIds` /
 * `bagCounts` (reused buffers); `append` also stores them (see `TermBags`).
 */
export class TermBagBuilder {
  readonly vocabulary = new Map<string, number>();
  readonly terms: string[] = [];
  private readonly bigramIds = new IntIdTable(1 << 18);
  private readonly words = new Map<string, number>();
  private keyBuffer = new Int32Array(1 << 14);
  bagIds = new Int32Array(1 << 12);
  bagCounts = new Float32Array(1 << 12);
  bagLength = 0;
  private docStart = new Int32Array(1 << 12);
  private termIds = new Int32Array(1 << 16);
  private counts = new Float32Array(1 << 16);
  private docs = 0;
  /** Terms already handed out by `take`. */
  private termsTaken = 0;

  constructor(private readonly source = 0) {}

  private newTerm(term: string): number {
    const id = this.terms.length;
    this.vocabulary.set(term, id);
    this.terms.push(term);
    return id;
  }

  /** Counts one message's terms into `bagIds` / `bagCounts` (`bagLength` of them). */
  bag(doc: SimilarityDoc): void {
    const title = cleanText(doc.title);
    const detail = cleanText(doc.detail);
    const words = this.words;
    words.clear();
    addSimilarityWords(words, title, TITLE_WEIGHT);
    addSimilarityWords(words, detail, 1);
    const need = TITLE_WEIGHT * title.length + detail.length;
    if (need > this.keyBuffer.length) this.keyBuffer = new Int32Array(need * 2);
    const keys = this.keyBuffer.subarray(0, collectBigramKeys(detail, 1, this.keyBuffer, collectBigramKeys(title, TITLE_WEIGHT, this.keyBuffer, 0)));
    keys.sort();
    // At most one entry per word and per key.
    if (words.size + keys.length > this.bagIds.length) {
      this.bagIds = new Int32Array((words.size + keys.length) * 2);
      this.bagCounts = new Float32Array((words.size + keys.length) * 2);
    }
    const ids = this.bagIds;
    const counts = this.bagCounts;
    let j = 0;
    for (const [term, count] of words) {
      ids[j] = this.vocabulary.get(term) ?? this.newTerm(term);
      counts[j++] = count;
    }
    for (let k = 0; k < keys.length; ) {
      const key = keys[k];
      let run = 1;
      while (k + run < keys.length && keys[k + run] === key) run++;
      let id = this.bigramIds.get(key);
      if (id === -1) {
        id = this.newTerm(bigramText(key));
        this.bigramIds.add(key, id);
      }
      ids[j] = id;
      counts[j++] = run;
      k += run;
    }
    this.bagLength = j;
  }

  /** Counts one message's terms and stores them as the next message of the bags. */
  append(doc: SimilarityDoc): void {
    this.bag(doc);
    const from = this.docs === 0 ? 0 : this.docStart[this.docs];
    const to = from + this.bagLength;
    this.docStart = grownInt(this.docStart, this.docs + 2);
    this.termIds = grownInt(this.termIds, to);
    this.counts = grownFloat(this.counts, to);
    this.termIds.set(this.bagIds.subarray(0, this.bagLength), from);
    this.counts.set(this.bagCounts.subarray(0, this.bagLength), from);
    this.docs++;
    this.docStart[this.docs] = to;
  }

  /**
   * The bags of the messages appended since the last `take`, which are then forgotten (the
   * vocabulary stays): trimmed copies (to send to another thread), or with `copy` false views of
   * the builder's buffers (valid until the next `append`).
   */
  take(copy = true): TermBags {
    const end = this.docStart[this.docs];
    const cut = <T extends Int32Array | Float32Array>(a: T, length: number): T => (copy ? a.slice(0, length) : a.subarray(0, length)) as T;
    const bags: TermBags = {
      docStart: cut(this.docStart, this.docs + 1),
      termIds: cut(this.termIds, end),
      counts: cut(this.counts, end),
      terms: this.termsTaken === 0 && !copy ? this.terms : this.terms.slice(this.termsTaken),
      firstTerm: this.termsTaken,
      source: this.source,
    };
    this.termsTaken = this.terms.length;
    if (copy) this.docs = 0;
    return bags;
  }
}

/** The bags of `docs` in one pass (what a worker thread computes for its share of a corpus). */
export function termBagsOf(docs: readonly SimilarityDoc[]): TermBags {
  const builder = new TermBagBuilder();
  for (const doc of docs) builder.append(doc);
  return builder.take();
}

/**
 * Bags of consecutive runs of messages, merged in order into one vocabulary: each source's
 * terms are renumbered (one lookup per distinct term of a source, not per occurrence). The
 * numbering is the one a single pass over all the messages gives (see `TermBags`): a source's
 * runs come in message order, so a run's new terms are new to it, and the ones no earlier run of
 * any source had are numbered in order of appearance.
 */
export function mergeTermBags(parts: readonly TermBags[]): TermBags & { vocabulary: Map<string, number> } {
  const vocabulary = new Map<string, number>();
  const terms: string[] = [];
  let docs = 0;
  let entries = 0;
  for (const p of parts) {
    docs += p.docStart.length - 1;
    entries += p.termIds.length;
  }
  const docStart = new Int32Array(docs + 1);
  const termIds = new Int32Array(entries);
  const counts = new Float32Array(entries);
  let d = 0;
  let e = 0;
  const remaps = new Map<number, Int32Array>();
  for (const p of parts) {
    let remap = remaps.get(p.source) ?? new Int32Array(0);
    if (remap.length < p.firstTerm + p.terms.length) {
      const longer = new Int32Array(Math.max(p.firstTerm + p.terms.length, remap.length * 2));
      longer.set(remap);
      remap = longer;
    }
    remaps.set(p.source, remap);
    for (let t = 0; t < p.terms.length; t++) {
      const term = p.terms[t];
      let id = vocabulary.get(term);
      if (id === undefined) {
        id = terms.length;
        vocabulary.set(term, id);
        terms.push(term);
      }
      remap[p.firstTerm + t] = id;
    }
    for (let j = 0; j < p.termIds.length; j++) termIds[e + j] = remap[p.termIds[j]];
    counts.set(p.counts, e);
    const partDocs = p.docStart.length - 1;
    for (let k = 1; k <= partDocs; k++) docStart[d + k] = e + p.docStart[k];
    d += partDocs;
    e += p.termIds.length;
  }
  return { docStart, termIds, counts, terms, firstTerm: 0, source: 0, vocabulary };
}
