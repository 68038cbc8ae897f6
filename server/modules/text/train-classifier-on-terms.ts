import type { ClassifierModel, ClassifierOptions } from './classifier-model.ts';
import { fitVocabulary } from './fit-vocabulary.ts';
import { vectorizeTerms } from './vectorize-terms.ts';
import { trainOneVsRest } from './train-one-vs-rest.ts';
import { stratifiedFolds } from './stratified-folds.ts';
import { linearMargins } from './linear-margins.ts';
import { fitTemperature } from './fit-temperature.ts';

/** Softmax temperature used when calibration is switched off: a typical fitted value. */
const DEFAULT_TEMPERATURE = 3;

/**
 * `trainClassifier` on messages already turned into terms (`extractTerms` with the same
 * options), so that cross-validation extracts each message's terms once for all folds.
 */
export function trainClassifierOnTerms(termLists: readonly Float64Array[], labelsOfExamples: readonly string[], options: ClassifierOptions): ClassifierModel {
  if (termLists.length !== labelsOfExamples.length) throw new Error('trainClassifierOnTerms: one label per example');
  const labels = [...new Set(labelsOfExamples)].sort();
  if (labels.length < 2) throw new Error(`a classifier needs at least two labels, got ${labels.length}`);
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const truth = labelsOfExamples.map((l) => labelIndex.get(l)!);
  const vocab = fitVocabulary(termLists, options);
  const xs = termLists.map((t) => vectorizeTerms(vocab, t, options));
  const dim = vocab.idf.length;
  const models = trainOneVsRest(xs, truth, labels.length, dim, options);

  let temperature = DEFAULT_TEMPERATURE;
  const smallest = Math.min(...labels.map((_, l) => truth.filter((t) => t === l).length));
  if (options.calibrationFolds >= 2 && smallest >= options.calibrationFolds) {
    // Margins of models that did not see the sample; the vocabulary is shared (a small leak that
    // only touches idf and makes held-out margins very slightly optimistic).
    const fold = stratifiedFolds(labelsOfExamples, options.calibrationFolds, options.seed + 1000);
    const heldOut: Float64Array[] = new Array(xs.length);
    for (let f = 0; f < options.calibrationFolds; f++) {
      const inTrain = xs.map((_, i) => fold[i] !== f);
      const sub = trainOneVsRest(xs.filter((_, i) => inTrain[i]), truth.filter((_, i) => inTrain[i]), labels.length, dim, options);
      const w = sub.map((m) => m.w);
      const b = sub.map((m) => m.b);
      xs.forEach((x, i) => {
        if (!inTrain[i]) heldOut[i] = linearMargins(w, b, x);
      });
    }
    temperature = fitTemperature(heldOut, truth);
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
  };
}
