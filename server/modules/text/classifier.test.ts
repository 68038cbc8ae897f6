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
import { taxonomyExamples } from './classifier-taxonomy.ts';
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

describe('taxonomyExamples and extra examples', () => {
  const csv = '\uFEFFlevel1,level2,level3\r\n交通运输,出租车管理,网约车问题\r\n交通运输,其他,其他\r\n环境保护,环境污染,噪音污染\r\n农村农业,农业生产,种子化肥\r\n';

  it('turns each named level-3 category of a known label into a short example', () => {
    expect(taxonomyExamples(csv, ['交通运输', '环境保护', '教育文体'])).toEqual([
      { title: '网约车问题', detail: '出租车管理', label: '交通运输' },
      { title: '噪音污染', detail: '环境污染', label: '环境保护' },
    ]);
    expect(() => taxonomyExamples('a,b,c\n1,2,3', ['x'])).toThrow(/level1, level2 and level3/);
  });

  it('trains on extra examples without adding their labels or their terms to the vocabulary', () => {
    const plain = trainClassifier(train, { calibrationFolds: 0 });
    // "校车" (school bus) appears in no fixture message, so it cannot become a feature; "排放"
    // (discharge) is in two 环境保护 messages, so it is one, and the extra pulls it to 教育文体.
    const extra = [
      { title: '排放', detail: '排放 校车', label: '教育文体' },
      { title: '种子', detail: '化肥', label: '农村农业' },
    ];
    const model = trainClassifier(train, { calibrationFolds: 0 }, extra);
    expect(model.labels).toEqual(plain.labels);
    expect(Array.from(model.keys)).toEqual(Array.from(plain.keys));
    expect(model.extraExamples).toBe(1);
    const margin = (m: typeof model, title: string) => {
      const s = classifyText(m, title, '').scores;
      return Math.log(s['教育文体'] / s['环境保护']) / m.temperature;
    };
    // Relative to an empty message, so that the bias's own change does not count.
    expect(margin(model, '排放') - margin(model, '')).toBeGreaterThan(margin(plain, '排放') - margin(plain, ''));
    const restored = parseClassifier(JSON.parse(serializeClassifier(model)));
    expect(restored.extraExamples).toBe(1);
    expect(parseClassifier(JSON.parse(serializeClassifier(plain))).extraExamples).toBe(0);
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
