import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCopies } from './find-copies.ts';
import { prepareCopyText } from './prepare-copy-text.ts';
import { indexShingles, sharedPassages } from './shared-passages.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const texts = readFileSync(path.join(here, 'fixtures', 'reflections.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { id: string; text: string });
const byId = new Map(texts.map((t) => [t.id, t.text]));

describe('findCopies', () => {
  it('pairs a reflection copied with small edits, and not the original one', () => {
    const pairs = findCopies(texts, { minOverlap: 0.5 });
    const copied = pairs.find((p) => p.a === 'r1' && p.b === 'r2');
    expect(copied).toBeDefined();
    expect(copied!.overlap).toBeGreaterThan(0.9);
    expect(pairs.some((p) => p.a === 'r3' || p.b === 'r3')).toBe(false);
  });

  it('reports spans whose offsets point at the same passage in both texts', () => {
    const [pair] = findCopies(texts, { minOverlap: 0.9 });
    expect(pair.spans.length).toBeGreaterThan(1);
    for (const s of pair.spans) {
      const inA = byId.get(pair.a)!.slice(s.a[0], s.a[1]);
      const inB = byId.get(pair.b)!.slice(s.b[0], s.b[1]);
      expect(inA).toBe(s.text);
      expect(inA.replace(/[^\p{L}\p{N}]/gu, '')).toBe(inB.replace(/[^\p{L}\p{N}]/gu, ''));
      expect(s.text.replace(/[^\p{L}\p{N}]/gu, '').length).toBeGreaterThanOrEqual(10);
    }
  });

  it('measures overlap on the shorter text: a short text made of copied sentences counts as a copy', () => {
    const pairs = findCopies(texts, { minOverlap: 0.45 });
    const short = pairs.find((p) => p.a === 'r1' && p.b === 'r4');
    expect(short).toBeDefined();
    expect(short!.overlap).toBeLessThan(0.7);
    expect(findCopies(texts, { minOverlap: 0.8 }).some((p) => p.b === 'r4')).toBe(false);
  });

  it('ignores punctuation, spaces and full-width letters when matching', () => {
    const a = '我们要坚持以人民为中心的发展思想，把群众满意作为ABC工作的标准。';
    const b = '我们要坚持以人民为中心的发展思想 把群众满意作为ａｂｃ工作的标准';
    const [pair] = findCopies([{ id: 'a', text: a }, { id: 'b', text: b }], { minOverlap: 0.9 });
    expect(pair.overlap).toBe(1);
  });

  it('finds nothing among unrelated texts and nothing in an empty list', () => {
    expect(findCopies([])).toEqual([]);
    expect(findCopies([{ id: 'x', text: '今天天气很好' }, { id: 'y', text: '明天要下雨了' }])).toEqual([]);
  });
});

describe('prepareCopyText / sharedPassages', () => {
  it('keeps letters and digits with their original offsets', () => {
    const t = prepareCopyText('一、Ａ２ b');
    expect(t.chars).toBe('一a2b');
    expect(Array.from(t.start)).toEqual([0, 2, 3, 5]);
    expect(Array.from(t.end)).toEqual([1, 3, 4, 6]);
  });

  it('finds every maximal shared passage, also where two overlap in the walked text', () => {
    // b = XYZ; a holds XY and, elsewhere, YZ: Z is covered only by the second passage.
    const a = prepareCopyText('甲乙丙丁戊己庚辛壬癸子丑寅卯。一二三四五六七八九十。己庚辛壬癸子丑寅卯辰巳午未申');
    const b = prepareCopyText('甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申');
    const passages = sharedPassages(indexShingles(a, 10), b);
    expect(passages).toEqual([
      { a: 0, b: 0, length: 14 },
      { a: 24, b: 5, length: 14 },
    ]);
  });

  it('counts a repeated passage of the longer text once in the overlap', () => {
    const once = '甲乙丙丁戊己庚辛壬癸子丑寅卯';
    const [pair] = findCopies([{ id: 'long', text: once + once + '另外写了一些完全不同的话语内容' }, { id: 'short', text: once }], { minOverlap: 0.5 });
    expect(pair.overlap).toBe(1);
  });
});
