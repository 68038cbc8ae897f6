import type { LabelledText } from './classifier-model.ts';
import { trainClassifier } from './train-classifier.ts';
import { classifyText } from './classify-text.ts';
import { serializeClassifier } from './serialize-classifier.ts';
import type { TTextModelMetrics } from './schema.ts';

/** A trained product model: its file as JSON text (for `text_models.model`) and what the run measured. */
export interface TrainedTextModel {
  file: string;
  metrics: Omit<TTextModelMetrics, 'capped'>;
  trainedOn: number;
}

/** Every fifth example is held out for the quick accuracy figure. */
const HOLDOUT_EVERY = 5;

/** The labels ranked by probability, best first. */
function ranked(scores: Record<string, number>): string[] {
  return Object.entries(scores)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([label]) => label);
}

/**
 * Trains a product model (category or responsible unit) on labelled matters. A quick holdout
 * first — a model trained on four fifths classifies the other fifth, giving top-1 and top-3
 * accuracy — then the model kept is trained on all examples. Pure: no database; run in a worker
 * thread by the retraining job so the server keeps answering meanwhile.
 */
export function trainTextModel(examples: readonly LabelledText[], now: Date = new Date()): TrainedTextModel {
  const started = performance.now();
  const train = examples.filter((_, i) => i % HOLDOUT_EVERY !== HOLDOUT_EVERY - 1);
  const holdout = examples.filter((_, i) => i % HOLDOUT_EVERY === HOLDOUT_EVERY - 1);
  let holdoutAccuracy: number | null = null;
  let holdoutTop3: number | null = null;
  if (holdout.length > 0 && new Set(train.map((e) => e.label)).size >= 2) {
    const probe = trainClassifier(train);
    let top1 = 0;
    let top3 = 0;
    for (const e of holdout) {
      const order = ranked(classifyText(probe, e.title, e.detail).scores);
      if (order[0] === e.label) top1++;
      if (order.slice(0, 3).includes(e.label)) top3++;
    }
    holdoutAccuracy = round(top1 / holdout.length);
    holdoutTop3 = round(top3 / holdout.length);
  }
  const model = trainClassifier(examples);
  return {
    file: serializeClassifier(model, now),
    trainedOn: examples.length,
    metrics: {
      labelCount: model.labels.length,
      holdoutSize: holdout.length,
      holdoutAccuracy,
      holdoutTop3,
      seconds: round((performance.now() - started) / 1000),
    },
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
