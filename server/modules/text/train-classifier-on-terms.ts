import type { ClassifierModel, ClassifierOptions } from './classifier-model.ts';
import { fitVocabulary } from './fit-vocabulary.ts';
import { vectorizeTerms } from './vectorize-terms.ts';
import { trainOneVsRest } from './train-one-vs-rest.ts';
import { stratifiedFolds } from './stratified-folds.ts';
import { linearMargins } from './linear-margins.ts';
import { fitTemperature } from './fit-temperature.ts';

/** Softmax temperature used when calibration is switched off: a typical fitted value. */
const DEFAULT_TEMPERATURE = 5;
/** Most messages the temperature is fitted on. */
const CALIBRATION_SAMPLE = 3000;

/** A stratified sample of about 1/parts of the messages (one fold of a stratified split). */
function pickSample(labels: readonly string[], parts: number, seed: number): number[] {
  const fold = stratifiedFolds(labels, parts, seed + 2000);
  return labels.map((_, i) => i).filter((i) => fold[i] === 0);
}

/** Extra examples that are not messages (category names, see `taxonomyExamples`), as terms. */
export interface ExtraTerms {
  termLists: readonly Float64Array[];
  labels: readonly string[];
}

/**
 * `trainClassifier` on messages already turned into terms (`extractTerms` with the same
 * options), so that cross-validation extracts each message's terms once for all folds. `extra`
 * examples join every SVM's training set (the calibration folds' too, since they are always at
 * hand) but not the vocabulary or its idf, which stay those of real messages; extras of a label
 * no message has are ignored.
 */
export function trainClassifierOnTerms(
  termLists: readonly Float64Array[],
  labelsOfExamples: readonly string[],
  options: ClassifierOptions,
  extra: ExtraTerms = { termLists: [], labels: [] },
): ClassifierModel {
  if (termLists.length !== labelsOfExamples.length) throw new Error('trainClassifierOnTerms: one label per example');
  if (extra.termLists.length !== extra.labels.length) throw new Error('trainClassifierOnTerms: one label per extra example');
  const labels = [...new Set(labelsOfExamples)].sort();
  if (labels.length < 2) throw new Error(`a classifier needs at least two labels, got ${labels.length}`);
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const truth = labelsOfExamples.map((l) => labelIndex.get(l)!);
  const vocab = fitVocabulary(termLists, options);
  const xs = termLists.map((t) => vectorizeTerms(vocab, t, options));
  const dim = vocab.idf.length;
  const kept = extra.labels.map((_, k) => k).filter((k) => labelIndex.has(extra.labels[k]));
  const extraXs = kept.map((k) => vectorizeTerms(vocab, extra.termLists[k], options));
  const extraTruth = kept.map((k) => labelIndex.get(extra.labels[k])!);
  const models = trainOneVsRest([...xs, ...extraXs], [...truth, ...extraTruth], labels.length, dim, options);

  let temperature = DEFAULT_TEMPERATURE;
  // Calibrate on a stratified sample of at most CALIBRATION_SAMPLE messages: the folds' extra
  // trainings would otherwise cost twice the model itself on large training sets.
  const sample = xs.length > CALIBRATION_SAMPLE ? pickSample(labelsOfExamples, Math.ceil(xs.length / CALIBRATION_SAMPLE), options.seed) : xs.map((_, i) => i);
  const sampleLabels = sample.map((i) => labelsOfExamples[i]);
  const smallest = Math.min(...labels.map((l) => sampleLabels.filter((s) => s === l).length));
  if (options.calibrationFolds >= 2 && smallest >= options.calibrationFolds) {
    // Margins of models that did not see the message; the vocabulary is shared (a small leak that
    // only touches idf and makes held-out margins very slightly optimistic).
    const fold = stratifiedFolds(sampleLabels, options.calibrationFolds, options.seed + 1000);
    const heldOut: Float64Array[] = [];
    const heldOutTruth: number[] = [];
    for (let f = 0; f < options.calibrationFolds; f++) {
      const train = sample.filter((_, k) => fold[k] !== f);
      const test = sample.filter((_, k) => fold[k] === f);
      const sub = trainOneVsRest(
        [...train.map((i) => xs[i]), ...extraXs],
        [...train.map((i) => truth[i]), ...extraTruth],
        labels.length,
        dim,
        options,
      );
      const w = sub.map((m) => m.w);
      const b = sub.map((m) => m.b);
      for (const i of test) {
        heldOut.push(linearMargins(w, b, xs[i]));
        heldOutTruth.push(truth[i]);
      }
    }
    temperature = fitTemperature(heldOut, heldOutTruth);
  }

  return {
    options,
    labels,
    table: vocab.table,
    keys: vocab.keys,
    idf: vocab.idf,
    blockOf: vocab.blockOf,
    weights: models.map((m) => Float32Array.from(m.w)),
    bias: models.map((m) => m.b),
    temperature,
    trainedOn: termLists.length,
    extraExamples: kept.length,
  };
}
