import type { ClassifierOptions, SparseVector } from './classifier-model.ts';
import { trainLinearSvm, type LinearModel } from './train-linear-svm.ts';

/**
 * |log-count ratio| of each feature for one label against the rest (NB-SVM): log of the term's
 * smoothed share of the label's feature mass over its share of the rest's. The absolute value is
 * used as a scale: a term typical of either side gains weight, a term used alike loses it.
 */
function logCountRatio(xs: readonly SparseVector[], y: Int8Array, dim: number, alpha: number): Float64Array {
  const p = new Float64Array(dim).fill(alpha);
  const q = new Float64Array(dim).fill(alpha);
  xs.forEach((x, i) => {
    const side = y[i] > 0 ? p : q;
    for (let k = 0; k < x.index.length; k++) side[x.index[k]] += x.value[k];
  });
  let sp = 0;
  let sq = 0;
  for (let j = 0; j < dim; j++) {
    sp += p[j];
    sq += q[j];
  }
  const r = new Float64Array(dim);
  for (let j = 0; j < dim; j++) r[j] = Math.abs(Math.log(p[j] / sp / (q[j] / sq)));
  return r;
}

/**
 * One binary SVM per label, that label against all others. With `balanced`, each sample's cost
 * is C · n / (labels · size of its label), so that small labels weigh as much as large ones in
 * the loss, which is what macro-F1 rewards.
 */
export function trainOneVsRest(
  xs: readonly SparseVector[],
  truth: readonly number[],
  labelCount: number,
  dim: number,
  options: Pick<ClassifierOptions, 'C' | 'balanced' | 'maxEpochs' | 'seed' | 'nbAlpha'>,
): LinearModel[] {
  const sizes = new Array<number>(labelCount).fill(0);
  for (const t of truth) sizes[t]++;
  const cost = Float64Array.from(truth, (t) => (options.balanced ? (options.C * truth.length) / (labelCount * sizes[t]) : options.C));
  const models: LinearModel[] = [];
  for (let label = 0; label < labelCount; label++) {
    const y = Int8Array.from(truth, (t) => (t === label ? 1 : -1));
    const scale = options.nbAlpha > 0 ? logCountRatio(xs, y, dim, options.nbAlpha) : undefined;
    models.push(trainLinearSvm(xs, y, dim, { cost, maxEpochs: options.maxEpochs, tolerance: 0.1, seed: options.seed + label, scale }));
  }
  return models;
}
