import { z } from 'zod';
import type { TermTable } from './term-table.ts';

/**
 * Types of the message classifier and of its model file. The model is plain JSON so that it can
 * be read by any later version of the web product, checked with zod before use, and diffed.
 */

/** A block of features: its terms are weighted and L2-normalised on their own, then scaled. */
export type FeatureBlock = 'chars' | 'words' | 'title';

/** How texts become features and how the linear models are fitted. */
export interface ClassifierOptions {
  /** Character n-gram lengths of title + detail, inclusive, e.g. [1, 3]. */
  charNgrams: [number, number];
  /** jieba word n-gram lengths of title + detail, e.g. [1, 2]; [0, 0] for none. */
  wordNgrams: [number, number];
  /** Character n-gram lengths of the title alone (a second, separately weighted view); [0, 0] for none. */
  titleNgrams: [number, number];
  /** Weight of each block in the joined vector (each block is L2-normalised first). */
  blockWeights: Record<FeatureBlock, number>;
  /** Terms seen in fewer training messages than this are dropped. */
  minDf: number;
  /** 1 + log(tf) instead of tf. */
  sublinearTf: boolean;
  /** Inverse of the regularisation strength of the linear SVMs. */
  C: number;
  /** Passes of dual coordinate descent at most. */
  maxEpochs: number;
  /**
   * NB-SVM (Wang and Manning, ACL 2012): each label's SVM sees features scaled by their log-count
   * ratio (how much more the label uses the term than the rest), smoothed by this count; 0 = off.
   */
  nbAlpha: number;
  /** Weights samples inversely to their class size, for macro-F1 on unbalanced labels. */
  balanced: boolean;
  /** Internal folds to fit the softmax temperature on held-out margins (0: a fixed temperature). */
  calibrationFolds: number;
  /** Seed of the shuffles, so that training is reproducible. */
  seed: number;
}

/** One labelled message for training. */
export interface LabelledText {
  title: string;
  detail: string;
  label: string;
}

/** A message as sparse features: ascending indices and their values. */
export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

/** The result of classifying one message: the best label and a probability per label (sum 1). */
export interface Classification {
  label: string;
  scores: Record<string, number>;
}

/** A trained model in memory, ready to classify. */
export interface ClassifierModel {
  options: ClassifierOptions;
  labels: string[];
  /** Term key (see `extractTerms`) → feature index. */
  table: TermTable;
  /** Term key of each feature. */
  keys: Float64Array;
  /** Inverse document frequency of each feature. */
  idf: Float32Array;
  /** Block code of each feature. */
  blockOf: Uint8Array;
  /** Weights, one row of as many features per label. */
  weights: Float32Array[];
  /** Bias of each label's model. */
  bias: number[];
  /** Multiplies margins before the softmax. */
  temperature: number;
  /** Messages the model was trained on. */
  trainedOn: number;
  /** Extra examples that were not messages (category names) it was also trained on; 0 or absent: none. */
  extraExamples?: number;
}

/** The model file's `format` marker; another value is refused. */
export const CLASSIFIER_FORMAT = 'jiceng-text-classifier';
/** The model file's layout version. */
export const CLASSIFIER_VERSION = 1;

const pair = z.tuple([z.number().int().min(0), z.number().int().min(0)]);

/** The options as stored in a model file. */
export const ZClassifierOptions = z.object({
  charNgrams: pair,
  wordNgrams: pair,
  titleNgrams: pair,
  blockWeights: z.object({ chars: z.number(), words: z.number(), title: z.number() }),
  minDf: z.number().int().min(1),
  sublinearTf: z.boolean(),
  C: z.number().positive(),
  maxEpochs: z.number().int().positive(),
  nbAlpha: z.number().min(0),
  balanced: z.boolean(),
  calibrationFolds: z.number().int().min(0),
  seed: z.number().int(),
});

/**
 * The model file. Arrays of numbers are stored as base64 of little-endian typed arrays (keys as
 * float64: they are whole numbers below 2^53; idf and weights as float32), which is a third the
 * size of decimal JSON and parses much faster; `featureCount` lets the reader check every length.
 * Weights are dense: almost every kept term has a weight in every one-vs-rest model.
 */
export const ZClassifierFile = z.object({
  format: z.literal(CLASSIFIER_FORMAT),
  version: z.literal(CLASSIFIER_VERSION),
  createdAt: z.string(),
  trainedOn: z.number().int().positive(),
  /** Absent in files written before extra examples existed. */
  extraExamples: z.number().int().min(0).optional(),
  options: ZClassifierOptions,
  labels: z.array(z.string().min(1)).min(2),
  featureCount: z.number().int().min(0),
  keys: z.string(),
  idf: z.string(),
  weights: z.array(z.string()),
  bias: z.array(z.number()),
  temperature: z.number().positive(),
});

/** The model file as JSON. */
export type ClassifierFile = z.infer<typeof ZClassifierFile>;

/** The blocks in code order (index = code in `blockOf`). */
export const blockOrder: readonly FeatureBlock[] = ['chars', 'words', 'title'];

/** The options `trainClassifier` uses unless told otherwise (chosen by cross-validation, docs/BENCHMARKS.md). */
export const defaultClassifierOptions: ClassifierOptions = {
  charNgrams: [1, 3],
  wordNgrams: [0, 0],
  titleNgrams: [1, 3],
  blockWeights: { chars: 1, words: 0.5, title: 0.7 },
  minDf: 2,
  sublinearTf: false,
  C: 10,
  maxEpochs: 10,
  nbAlpha: 0,
  balanced: false,
  calibrationFolds: 3,
  seed: 1,
};
