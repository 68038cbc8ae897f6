import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readJsonl } from '../server/modules/text/jsonl.ts';
import { trainClassifier } from '../server/modules/text/train-classifier.ts';
import { classifyText } from '../server/modules/text/classify-text.ts';
import { serializeClassifier } from '../server/modules/text/serialize-classifier.ts';
import { parseClassifier } from '../server/modules/text/parse-classifier.ts';
import { taxonomyExamples } from '../server/modules/text/classifier-taxonomy.ts';
import { seededRandom } from '../server/modules/text/seeded-random.ts';
import type { LabelledText } from '../server/modules/text/classifier-model.ts';
import type { BenchOptions, Metrics } from './run.ts';

/** Where the labelled messages are read from (never copied into the repository). */
export function textDataDir(opts?: Pick<BenchOptions, 'textDir'>): string {
  return opts?.textDir || process.env.JICENG_TEXT_DATA || '/work/shared/data';
}

/** Seconds of wall time and of this process's CPU time (user + system) spent in `body`. */
function timed<T>(body: () => T): { value: T; wallS: number; cpuS: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = body();
  const used = process.cpuUsage(cpu);
  return { value, wallS: (performance.now() - started) / 1000, cpuS: (used.user + used.system) / 1e6 };
}

/**
 * `n` labelled messages made from the real ones: each takes one message's title and the first
 * half of its detail, joined to the second half of another message's detail of the same label,
 * so that texts are new yet read like the source, keep its lengths and its label proportions.
 */
export function recombine(rows: readonly LabelledText[], n: number, seed: number): LabelledText[] {
  const random = seededRandom(seed);
  const byLabel = new Map<string, LabelledText[]>();
  for (const r of rows) byLabel.set(r.label, [...(byLabel.get(r.label) ?? []), r]);
  return Array.from({ length: n }, () => {
    const a = rows[Math.floor(random() * rows.length)];
    const same = byLabel.get(a.label)!;
    const b = same[Math.floor(random() * same.length)];
    // Half of one detail and half of another: new texts of the usual length.
    const half = (t: string, first: boolean) => (first ? t.slice(0, Math.ceil(t.length / 2)) : t.slice(Math.ceil(t.length / 2)));
    return { title: a.title, detail: half(a.detail, true) + half(b.detail, false), label: a.label };
  });
}

/**
 * `npm run bench -- text-classify`: the classifier's speed on one core (Node runs it on its
 * main thread), on the labelled messages in --text-dir, else JICENG_TEXT_DATA, else
 * /work/shared/data:
 * training on the 932 real rows and on 10,000 recombined ones (the defaults, held-out
 * calibration included), the model file's size, and classification throughput (messages/s, all
 * work included: cleaning, n-grams, lookup, softmax) over the real rows, repeated for ≥ 3 s.
 * Both trainings also take the category tree's names when label-taxonomy.csv lies beside the
 * messages (as the recommended `trainClassifier(rows, {}, taxonomyExamples(…))`). Accuracy is not measured here: see bench/text-cv.ts.
 */
export async function benchTextClassify(opts: BenchOptions): Promise<Metrics> {
  const file = path.join(textDataDir(opts), 'messages-labelled-train.jsonl');
  const rows: LabelledText[] = (await readJsonl(file, ['id', 'title', 'detail', 'label'])).map((r) => ({
    title: String(r.value.title),
    detail: String(r.value.detail),
    label: String(r.value.label),
  }));

  const taxonomyFile = path.join(textDataDir(opts), 'label-taxonomy.csv');
  const extra = existsSync(taxonomyFile) ? taxonomyExamples(readFileSync(taxonomyFile, 'utf8'), [...new Set(rows.map((r) => r.label))]) : [];

  console.error(`training on ${rows.length} real messages (+ ${extra.length} category names) …`);
  const small = timed(() => trainClassifier(rows, {}, extra));
  const smallFile = serializeClassifier(small.value);
  const load = timed(() => parseClassifier(JSON.parse(smallFile)));

  console.error('classifying …');
  const model = load.value;
  for (const r of rows.slice(0, 200)) classifyText(model, r.title, r.detail); // warm-up (JIT)
  let classified = 0;
  const run = timed(() => {
    const started = performance.now();
    while (performance.now() - started < 3000) {
      for (const r of rows) classifyText(model, r.title, r.detail);
      classified += rows.length;
    }
  });

  const big = recombine(rows, 10_000, 42);
  console.error('training on 10,000 recombined messages …');
  const large = timed(() => trainClassifier(big, {}, extra));
  const largeFile = serializeClassifier(large.value);

  const avgChars = Math.round(rows.reduce((s, r) => s + r.title.length + r.detail.length, 0) / rows.length);
  return {
    data: file,
    train_rows: rows.length,
    taxonomy_examples: extra.length,
    avg_chars_per_message: avgChars,
    classify_msgs_per_s: Math.round(classified / run.wallS),
    classify_msgs_per_cpu_s: Math.round(classified / run.cpuS),
    classify_messages: classified,
    train_932_s: +small.wallS.toFixed(2),
    train_932_cpu_s: +small.cpuS.toFixed(2),
    model_932_features: small.value.keys.length,
    model_932_mb: +(Buffer.byteLength(smallFile) / 1e6).toFixed(2),
    model_load_s: +load.wallS.toFixed(2),
    train_10k_s: +large.wallS.toFixed(2),
    train_10k_cpu_s: +large.cpuS.toFixed(2),
    avg_chars_per_message_10k: Math.round(big.reduce((s, r) => s + r.title.length + r.detail.length, 0) / big.length),
    model_10k_features: large.value.keys.length,
    model_10k_mb: +(Buffer.byteLength(largeFile) / 1e6).toFixed(2),
    temperature_932: +small.value.temperature.toFixed(3),
  };
}
