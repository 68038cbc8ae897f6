import type { Classification, ClassifierModel } from './classifier-model.ts';
import { extractTerms } from './extract-terms.ts';
import { classifyTerms } from './classify-terms.ts';

/** Classifies one message: the most probable label and the probability of every label (sum 1). */
export function classifyText(model: ClassifierModel, title: string, detail: string): Classification {
  return classifyTerms(model, extractTerms(title, detail, model.options));
}
