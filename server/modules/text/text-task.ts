import type { LabelledText } from './classifier-model.ts';
import type { SimilarityDoc, SimilarityIndex } from './similarity-types.ts';
import { buildSimilarityIndex } from './build-similarity-index.ts';
import { findHotTopics, type HotTopic } from './find-hot-topics.ts';
import { trainTextModel, type TrainedTextModel } from './train-text-model.ts';
import { findCopies, type CopyInput, type CopyOptions, type CopyPair } from './find-copies.ts';

/** CPU-heavy work of the product that may run in a worker thread (`runTextTask`). */
export type TextTask =
  | { kind: 'train'; examples: LabelledText[] }
  | { kind: 'similarity-index'; docs: SimilarityDoc[] }
  | { kind: 'hot-topics'; docs: SimilarityDoc[]; top: number }
  | { kind: 'copies'; texts: CopyInput[]; options: Partial<CopyOptions> };

/** The answer of each kind of task. */
export interface TextTaskResults {
  train: TrainedTextModel;
  'similarity-index': SimilarityIndex;
  'hot-topics': HotTopic[];
  copies: CopyPair[];
}

/** Does one task where it is called (the worker thread calls this too). */
export function performTextTask<K extends TextTask['kind']>(task: Extract<TextTask, { kind: K }>): TextTaskResults[K] {
  const t = task as TextTask;
  switch (t.kind) {
    case 'train':
      return trainTextModel(t.examples) as TextTaskResults[K];
    case 'similarity-index':
      return buildSimilarityIndex(t.docs) as TextTaskResults[K];
    case 'hot-topics':
      return findHotTopics(t.docs, { top: t.top }) as TextTaskResults[K];
    case 'copies':
      return findCopies(t.texts, t.options) as TextTaskResults[K];
  }
}
