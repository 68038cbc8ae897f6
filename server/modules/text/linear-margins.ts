import type { SparseVector } from './classifier-model.ts';

/** The margin w·x + b of each label's linear model for one sparse vector. */
export function linearMargins(weights: readonly ArrayLike<number>[], bias: readonly number[], x: SparseVector): Float64Array {
  const out = new Float64Array(weights.length);
  for (let l = 0; l < weights.length; l++) {
    const w = weights[l];
    let m = bias[l];
    for (let k = 0; k < x.index.length; k++) m += w[x.index[k]] * x.value[k];
    out[l] = m;
  }
  return out;
}
