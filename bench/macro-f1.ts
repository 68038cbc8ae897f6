/**
 * Macro-F1 of predictions against gold labels, computed as /work/shared/tools/macro-f1.mjs does:
 * the mean over the gold labels of each label's F1 (a label never predicted scores 0).
 */
export function macroF1(gold: readonly string[], predicted: readonly string[]): number {
  const labels = [...new Set(gold)].sort();
  let sum = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (g === label && p === label) tp++;
      else if (p === label) fp++;
      else if (g === label) fn++;
    });
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    sum += precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  }
  return sum / labels.length;
}
