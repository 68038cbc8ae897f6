import type { Classification, ClassifierModel } from './classifier-model.ts';
import { vectorizeTerms } from './vectorize-terms.ts';
import { linearMargins } from './linear-margins.ts';
import { softmax } from './softmax.ts';

/** `classifyText` on a message already turned into terms (for cross-validation). */
export function classifyTerms(model: ClassifierModel, terms: Float64Array): Classification {
  const x = vectorizeTerms(model, terms, model.options);
  const p = softmax(linearMargins(model.weights, model.bias, x), model.temperature);
  let best = 0;
  for (let l = 1; l < p.length; l++) if (p[l] > p[best]) best = l;
  const scores: Record<string, number> = {};
  model.labels.forEach((l, i) => (scores[l] = p[i]));
  return { label: model.labels[best], scores };
}
