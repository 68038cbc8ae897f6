import type { SparseVector } from './classifier-model.ts';
import { seededRandom } from './seeded-random.ts';

/** A binary linear model: margin = w·x + b. */
export interface LinearModel {
  w: Float64Array;
  b: number;
}

/** Settings of one binary SVM. */
export interface LinearSvmSettings {
  /** Regularisation inverse, per sample (class weighting multiplies it). */
  cost: Float64Array;
  maxEpochs: number;
  /** Stop when the projected gradient's range falls below this (LIBLINEAR's default is 0.1). */
  tolerance: number;
  seed: number;
  /** Multiplies each feature before training (NB-SVM); the returned w already includes it. */
  scale?: Float64Array;
}

/**
 * Trains an L2-regularised, squared-hinge-loss linear SVM (LIBLINEAR's default, scikit-learn's
 * LinearSVC) by dual coordinate descent with shrinking (Hsieh et al., ICML 2008): each step
 * solves exactly for one sample's dual variable and updates w in place, and samples that sit
 * clearly outside the margin are left out of later passes until the end, when one full pass
 * checks that they still are. The bias is a constant feature of value 1 (regularised, like
 * LIBLINEAR's). `y` holds +1 or -1 per sample.
 */
export function trainLinearSvm(xs: readonly SparseVector[], y: Int8Array, dim: number, settings: LinearSvmSettings): LinearModel {
  const n = xs.length;
  const w = new Float64Array(dim);
  let b = 0;
  const { scale } = settings;
  // With NB scaling, train on scaled copies so the inner loops stay one multiply per non-zero.
  const values = scale ? xs.map((x) => Float32Array.from(x.value, (v, k) => v * scale[x.index[k]])) : xs.map((x) => x.value);
  const alpha = new Float64Array(n);
  // Squared hinge: no upper bound on alpha, a diagonal 1/(2C) added to Q.
  const diag = new Float64Array(n);
  const qii = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    diag[i] = 0.5 / settings.cost[i];
    let s = 1; // the bias feature
    const v = values[i];
    for (let k = 0; k < v.length; k++) s += v[k] * v[k];
    qii[i] = s + diag[i];
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(settings.seed);
  let active = n;
  let pgMaxOld = Infinity;
  for (let epoch = 0; epoch < settings.maxEpochs; epoch++) {
    for (let i = active - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (let o = 0; o < active; o++) {
      const i = order[o];
      const index = xs[i].index;
      const value = values[i];
      const yi = y[i];
      let margin = b;
      for (let k = 0; k < index.length; k++) margin += w[index[k]] * value[k];
      const g = yi * margin - 1 + diag[i] * alpha[i];
      let pg = g;
      if (alpha[i] === 0) {
        if (g > pgMaxOld) {
          // Outside the margin with nothing to give: shrink it away for now.
          active--;
          order[o] = order[active];
          order[active] = i;
          o--;
          continue;
        }
        if (g > 0) pg = 0;
      }
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) < 1e-12) continue;
      const old = alpha[i];
      alpha[i] = Math.max(old - g / qii[i], 0);
      const d = (alpha[i] - old) * yi;
      for (let k = 0; k < index.length; k++) w[index[k]] += d * value[k];
      b += d;
    }
    if (pgMax - pgMin < settings.tolerance) {
      if (active === n) break;
      // Converged on the active set: bring every sample back for a checking pass.
      active = n;
      pgMaxOld = Infinity;
      continue;
    }
    pgMaxOld = pgMax > 0 ? pgMax : Infinity;
  }
  // Fold the scaling into the weights, so that classification needs no scale of its own.
  if (scale) for (let j = 0; j < dim; j++) w[j] *= scale[j];
  return { w, b };
}
