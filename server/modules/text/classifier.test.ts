import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { trainClassifier } from './train-classifier.ts';
import { classifyText } from './classify-text.ts';
import { serializeClassifier } from './serialize-classifier.ts';
import { parseClassifier } from './parse-classifier.ts';
import { extractTerms } from './extract-terms.ts';
import { stratifiedFolds } from './stratified-folds.ts';
import { softmax } from './softmax.ts';
import { fitTemperature } from './fit-temperature.ts';
import { TermTable } from './term-table.ts';
import { defaultClassifierOptions, type LabelledText } from './classifier-model.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const readFixture = (name: string) =>
  readFileSync(path.join(here, 'fixtures', name), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, string>);
const train: LabelledText[] = readFixture('classify-train.jsonl').map((r) => ({ title: r.title, detail: r.detail, label: r.label }));
const unseen = readFixture('classify-input.jsonl');

describe('trainClassifier / classifyText', () => {
  const model = trainClassifier(train);

  it('labels unseen invented messages by their topic', () => {
    expect(unseen.map((m) => classifyText(model, m.title, m.detail).label)).toEqual(['教育文体', '交通运输', '环境保护']);
  });

  it('gives every label a probability, summing to 1, the best one the label', () => {
    const c = classifyText(model, unseen[2].title, unseen[2].detail);
    expect(Object.keys(c.scores).sort()).toEqual(['交通运输', '教育文体', '环境保护']);
    expect(Object.values(c.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(Math.max(...Object.values(c.scores))).toBe(c.scores[c.label]);
  });

  it('fits a softmax temperature on held-out margins, not the default', () => {
    expect(model.temperature).toBeGreaterThan(0);
    expect(model.temperature).not.toBe(trainClassifier(train, { calibrationFolds: 0 }).temperature);
  });

  it('is reproducible: the same data and seed give the same model', () => {
    const again = trainClassifier(train);
    expect(Array.from(again.weights[0])).toEqual(Array.from(model.weights[0]));
    expect(again.temperature).toBe(model.temperature);
  });

  it('classifies the same after a round trip through the model file', () => {
    const restored = parseClassifier(JSON.parse(serializeClassifier(model)));
    for (const m of unseen) expect(classifyText(restored, m.title, m.detail)).toEqual(classifyText(model, m.title, m.detail));
  });

  it('classifies an empty message without failing', () => {
    const c = classifyText(model, '', '');
    expect(model.labels).toContain(c.label);
    expect(Object.values(c.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('refuses fewer than two labels', () => {
    expect(() => trainClassifier(train.filter((t) => t.label === '交通运输'))).toThrow(/two labels/);
  });
});

describe('parseClassifier', () => {
  const good = JSON.parse(serializeClassifier(trainClassifier(train, { calibrationFolds: 0 }))) as Record<string, unknown>;

  it('refuses a file of another format', () => {
    expect(() => parseClassifier({ hello: 1 })).toThrow(/not a Jiceng text classifier model/);
    expect(() => parseClassifier([1, 2])).toThrow(/not a Jiceng/);
  });

  it('refuses another version, bad options and arrays of the wrong length', () => {
    expect(() => parseClassifier({ ...good, version: 99 })).toThrow(/version/);
    expect(() => parseClassifier({ ...good, options: { ...(good.options as object), C: -1 } })).toThrow(/options\.C/);
    expect(() => parseClassifier({ ...good, idf: Buffer.from([1, 2, 3, 4]).toString('base64') })).toThrow(/idf holds 1 values/);
    expect(() => parseClassifier({ ...good, bias: [0] })).toThrow(/biases/);
  });
});

describe('extractTerms', () => {
  const options = { ...defaultClassifierOptions, charNgrams: [1, 2] as [number, number], wordNgrams: [0, 0] as [number, number], titleNgrams: [1, 1] as [number, number] };

  it('counts character n-grams inside runs only, title terms apart, and the block in key % 4', () => {
    const keys = extractTerms('路灯', '路灯坏了，路灯', options);
    // body "路灯 路灯坏了 路灯": runs 路灯 | 路灯坏了 | 路灯 → 3+7+3 = 13 n-grams; title 路,灯 → 2
    expect(keys.length).toBe(15);
    expect(keys.filter((k) => k % 4 === 2).length).toBe(2);
    const counts = new Map<number, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    // 路, 灯 and 路灯 three times each in the body; the title's 路 is another feature.
    expect(Math.max(...counts.values())).toBe(3);
  });

  it('never turns phone numbers into terms', () => {
    const a = extractTerms('', '电话13812345678', options);
    const b = extractTerms('', '电话13900001111', options);
    expect(Array.from(a).sort()).toEqual(Array.from(b).sort());
  });
});

describe('helpers', () => {
  it('stratifiedFolds spreads each label over the folds', () => {
    const labels = [...Array(10).fill('a'), ...Array(5).fill('b')];
    const fold = stratifiedFolds(labels, 5, 1);
    for (let f = 0; f < 5; f++) {
      expect(labels.filter((l, i) => l === 'a' && fold[i] === f).length).toBe(2);
      expect(labels.filter((l, i) => l === 'b' && fold[i] === f).length).toBe(1);
    }
  });

  it('softmax is stable for large scores', () => {
    const p = softmax([1000, 1001], 1);
    expect(p[0] + p[1]).toBeCloseTo(1, 12);
    expect(p[1]).toBeGreaterThan(p[0]);
  });

  it('fitTemperature sharpens margins that are right and softens margins that are often wrong', () => {
    const right = Array.from({ length: 50 }, () => Float64Array.of(1, -1));
    expect(fitTemperature(right, right.map(() => 0))).toBeGreaterThan(5);
    const mixed = Array.from({ length: 50 }, () => Float64Array.of(1, -1));
    expect(fitTemperature(mixed, mixed.map((_, i) => (i % 3 === 0 ? 1 : 0)))).toBeLessThan(1);
  });

  it('TermTable stores, finds and grows', () => {
    const t = new TermTable(4);
    for (let i = 0; i < 1000; i++) t.set(i * 2 ** 30 + 7, i);
    expect(t.size).toBe(1000);
    expect(t.get(500 * 2 ** 30 + 7)).toBe(500);
    expect(t.get(12345)).toBe(-1);
    expect(t.add(7, 2)).toBe(2);
    expect(t.add(7, 3)).toBe(5);
  });
});
