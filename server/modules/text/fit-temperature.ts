import { softmax } from './softmax.ts';

/** Mean negative log-likelihood of the true labels under softmax(t · margins). */
function logLoss(margins: readonly Float64Array[], truth: readonly number[], t: number): number {
  let sum = 0;
  for (let i = 0; i < margins.length; i++) sum -= Math.log(Math.max(softmax(margins[i], t)[truth[i]], 1e-12));
  return sum / margins.length;
}

/**
 * The softmax temperature that makes held-out SVM margins honest probabilities: the t minimising
 * the log-loss of softmax(t · margins), by golden-section search on log t over [0.1, 100]
 * (the loss is unimodal in t). Margins must come from models that did not see those samples,
 * otherwise t comes out far too large and every score near 1.
 */
export function fitTemperature(margins: readonly Float64Array[], truth: readonly number[]): number {
  const phi = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(0.1);
  let hi = Math.log(100);
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = logLoss(margins, truth, Math.exp(a));
  let fb = logLoss(margins, truth, Math.exp(b));
  for (let step = 0; step < 40; step++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = logLoss(margins, truth, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = logLoss(margins, truth, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}
