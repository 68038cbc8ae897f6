import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSimilarityIndex, indexFromBags } from './build-similarity-index.ts';
import { countTermBags } from './count-term-bags.ts';
import { mergeTermBags, TermBagBuilder } from './term-bags.ts';
import { querySimilar } from './query-similar.ts';
import { findNeighbours } from './find-neighbours.ts';
import { similarityTerms, bigramPrefix } from './similarity-terms.ts';
import { findOverlappingSpans } from './find-overlapping-spans.ts';
import { extractPlaceNames } from './extract-place-names.ts';
import { isLikelyDuplicate } from './is-likely-duplicate.ts';
import { parseMessageTime } from './parse-message-time.ts';
import type { SimilarityDoc, SimilarityIndex } from './similarity-types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const readDocs = (name: string): SimilarityDoc[] =>
  readFileSync(path.join(here, 'fixtures', name), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as SimilarityDoc);
const corpus = readDocs('similar-corpus.jsonl');
const queries = readDocs('similar-query.jsonl');

describe('similarityTerms', () => {
  it('counts words and Chinese bigrams, the title twice, and never a phone number', () => {
    const terms = similarityTerms('电梯故障', '小区电梯坏了，请拨打13912345678联系我');
    expect(terms.get('电梯')).toBe(3);
    expect(terms.get(`${bigramPrefix}梯故`)).toBe(2);
    expect(terms.get(`${bigramPrefix}小区`)).toBe(1);
    expect([...terms.keys()].some((t) => t.includes('1391'))).toBe(false);
    // Bigrams do not cross punctuation.
    expect(terms.has(`${bigramPrefix}了请`)).toBe(false);
  });
});

describe('buildSimilarityIndex / querySimilar', () => {
  const index = buildSimilarityIndex(corpus);

  it('keeps postings and vectors in typed arrays, impact-ordered', () => {
    expect(index.postingDoc).toBeInstanceOf(Int32Array);
    expect(index.postingWeight).toBeInstanceOf(Uint16Array);
    expect(index.docTerm).toBeInstanceOf(Int32Array);
    expect(index.size).toBe(corpus.length);
    for (let t = 0; t < index.terms.length; t++) {
      for (let e = index.postingStart[t] + 1; e < index.postingStart[t + 1]; e++) expect(index.postingWeight[e]).toBeLessThanOrEqual(index.postingWeight[e - 1]);
    }
  });

  it('finds the messages about the same matter first', () => {
    expect(querySimilar(index, queries[0], 2).map((m) => m.id).sort()).toEqual(['c1', 'c2']);
    expect(querySimilar(index, queries[2], 1)[0].id).toBe('c7');
  });

  it('never returns a message with the query id, and returns at most top, best first in [0, 1]', () => {
    const matches = querySimilar(index, queries[1], 3);
    expect(matches.map((m) => m.id)).not.toContain('c3');
    expect(matches[0].id).toBe('c4');
    expect(matches.length).toBeLessThanOrEqual(3);
    for (let k = 1; k < matches.length; k++) expect(matches[k].score).toBeLessThanOrEqual(matches[k - 1].score);
    for (const m of matches) {
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(1);
    }
  });

  it('answers nothing for an empty query and for top 0', () => {
    expect(querySimilar(index, { id: 'x', title: '', detail: '' }, 5)).toEqual([]);
    expect(querySimilar(index, queries[0], 0)).toEqual([]);
  });

  it('finds neighbours of an indexed message from its stored vector, never itself', () => {
    const c1 = corpus.findIndex((d) => d.id === 'c1');
    const near = findNeighbours(index, c1, 3);
    expect(near[0].id).toBe('c2');
    expect(near.map((m) => m.doc)).not.toContain(c1);
  });

  it('samples document frequencies when the corpus is larger than the sample, with the same answers', () => {
    const sampled = buildSimilarityIndex(corpus, { idfSampleSize: 6 });
    expect(sampled.size).toBe(corpus.length);
    expect(querySimilar(sampled, queries[0], 2).map((m) => m.id).sort()).toEqual(['c1', 'c2']);
    // Terms only outside the sample get the rarest IDF.
    expect(Math.max(...sampled.idf)).toBeCloseTo(sampled.idfOfUnseen, 5);
  });

  it('accepts a generated corpus (length and at) without an array', () => {
    const generated = buildSimilarityIndex({ length: corpus.length, at: (i) => corpus[i] });
    expect(generated.ids).toEqual(corpus.map((d) => d.id));
  });
});

describe('findOverlappingSpans', () => {
  it('pairs identical runs of at least the minimum length, with offsets in both texts', () => {
    const a = '前言不同。幸福里小区电梯坏了五次。结尾也不同';
    const b = '开头：幸福里小区电梯坏了五次！';
    const spans = findOverlappingSpans(a, b, 6);
    expect(spans.a).toHaveLength(1);
    expect(a.slice(spans.a[0].start, spans.a[0].end)).toBe('幸福里小区电梯坏了五次');
    expect(b.slice(spans.b[0].start, spans.b[0].end)).toBe('幸福里小区电梯坏了五次');
    expect(spans.covered).toBe(11);
    expect(findOverlappingSpans('短', '短文本', 8).a).toEqual([]);
  });
});

describe('extractPlaceNames', () => {
  it('finds districts and named places by their suffix, not generic fillers', () => {
    const p = extractPlaceNames('b2区幸福里小区的住户反映，我们小区门口的红枫路施工');
    expect([...p.districts]).toEqual(['b2区']);
    expect(p.keys.has('幸福里小区')).toBe(true);
    expect(p.keys.has('红枫路')).toBe(true);
    expect([...p.keys].some((k) => k.startsWith('我们'))).toBe(false);
  });
});

describe('parseMessageTime', () => {
  it('reads the source form as China time and rejects nonsense', () => {
    expect(parseMessageTime('2024-03-01 08:00:00')).toBe(Date.parse('2024-03-01T00:00:00Z'));
    expect(parseMessageTime('not a time')).toBeNull();
    expect(parseMessageTime(undefined)).toBeNull();
  });
});

describe('isLikelyDuplicate', () => {
  const index = buildSimilarityIndex(corpus);
  const byId = new Map(corpus.map((d) => [d.id, d]));

  it('takes a re-post by the same account as a duplicate and shows the shared text', () => {
    const repost: SimilarityDoc = { ...byId.get('c1')!, id: 'r1', time: '2024-03-09 10:00:00', title: '再次反映幸福里小区3栋电梯故障' };
    const d = isLikelyDuplicate(byId.get('c1')!, repost, index);
    expect(d.isDuplicate).toBe(true);
    expect(d.signals.sameUser).toBe(true);
    expect(d.signals.copied).toBe(1);
    expect(d.signals.spans.detail.a[0]).toEqual({ start: 0, end: byId.get('c1')!.detail.length });
    expect(d.signals.daysApart).toBeCloseTo(8.03, 1);
  });

  it('takes two citizens on the same estate and the same problem as one matter', () => {
    const d = isLikelyDuplicate(byId.get('c1')!, byId.get('c2')!, index);
    expect(d.isDuplicate).toBe(true);
    expect(d.signals.sharedPlaces).toContain('幸福里小区');
  });

  it('keeps one complaint template filled in for another estate apart', () => {
    const other: SimilarityDoc = { ...byId.get('c1')!, id: 't1', user: 'U99', title: 'B6区翠湖苑小区3栋电梯频繁故障无人维修', detail: byId.get('c1')!.detail.replaceAll('B2区幸福里', 'B6区翠湖苑').replaceAll('幸福里', '翠湖苑') };
    const d = isLikelyDuplicate(byId.get('c1')!, other, index);
    expect(d.signals.placeConflict).toBe(true);
    expect(d).toMatchObject({ isDuplicate: false, reason: 'different-place' });
  });

  it('keeps different matters apart', () => {
    expect(isLikelyDuplicate(byId.get('c1')!, byId.get('c3')!, index).isDuplicate).toBe(false);
    expect(isLikelyDuplicate(byId.get('c5')!, byId.get('c6')!, index)).toMatchObject({ isDuplicate: false, reason: 'not-similar' });
  });
});

describe('term bags counted in parts (worker threads)', () => {
  const docs = [...corpus, ...queries];
  const whole = buildSimilarityIndex(docs);
  const same = (index: SimilarityIndex) => {
    expect(index.terms).toEqual(whole.terms);
    for (const k of ['idf', 'docStart', 'docTerm', 'docWeight', 'docMass', 'postingStart', 'postingDoc', 'postingWeight'] as const) expect(index[k]).toEqual(whole[k]);
  };

  it('merged in order, parts counted by two builders in turns number the terms as one pass', () => {
    const builders = [new TermBagBuilder(0), new TermBagBuilder(1)];
    const parts = [];
    for (let c = 0; c * 3 < docs.length; c++) {
      // Chunks of 3 messages, taken by builder 0, 1, 1, 0, 1, 1, … (one thread faster than the other).
      const b = builders[c % 3 === 0 ? 0 : 1];
      for (const doc of docs.slice(c * 3, c * 3 + 3)) b.append(doc);
      parts.push(b.take());
    }
    expect(new Set(parts.map((p) => p.source)).size).toBe(2);
    same(indexFromBags(mergeTermBags(parts), docs));
  });

  it('countTermBags with a worker thread gives the index of one pass', async () => {
    // This thread waits (at most 30 s) until the worker has taken a chunk, so the worker's parts
    // are in the merge (how the rest is shared between the threads varies from run to run).
    const pause = new Int32Array(new SharedArrayBuffer(4));
    const { parts, meanwhile } = await countTermBags(docs, { threads: 2, minMessagesPerThread: 1, chunkSize: 2 }, (taken) => {
      for (let waited = 0; taken() === 0 && waited < 30_000; waited += 10) Atomics.wait(pause, 0, 0, 10);
      return taken();
    });
    expect(meanwhile).toBeGreaterThan(0);
    expect(parts.length).toBe(Math.ceil(docs.length / 2));
    expect(parts.some((p) => p.source === 1)).toBe(true);
    same(indexFromBags(mergeTermBags(parts), docs));
  }, 60_000);
});
