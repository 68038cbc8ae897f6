import { seededRandom } from './seeded-random.ts';

/**
 * Assigns each sample to one of `k` folds so that every label is spread evenly over the folds
 * (stratified k-fold): the samples of each label are shuffled with the seed, then dealt out in
 * turn. Returns the fold number of each sample.
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): Int32Array {
  const fold = new Int32Array(labels.length);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const list = byLabel.get(l);
    if (list) list.push(i);
    else byLabel.set(l, [i]);
  });
  const random = seededRandom(seed);
  // Continue dealing where the previous label stopped, so small labels do not all start at fold 0.
  let next = 0;
  for (const key of [...byLabel.keys()].sort()) {
    const members = byLabel.get(key)!;
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j], members[i]];
    }
    for (const m of members) fold[m] = next++ % k;
  }
  return fold;
}
