/**
 * Overfitting on 10% of the data. Replace both function bodies; keep the names and signatures.
 * Randomness comes only from `rng`, a generator of uniform numbers in [0, 1).
 */

/** Indices of a stratified random subset of `labels` of size Math.round(fraction × labels.length). */
export function stratifiedSubset(labels: readonly number[], fraction: number, rng: () => number): number[] {
  // TODO: sample within each class. This placeholder takes the first indices and ignores the classes.
  const count = Math.floor(fraction * labels.length * rng());
  return Array.from({ length: count }, (_, i) => i);
}

/** The 0-based epoch of the lowest validation loss, and whether the run overfits by the README's rule. */
export function detectOverfitting(history: { loss: number[]; valLoss: number[] }): { overfitting: boolean; bestEpoch: number } {
  // TODO: find the minimum of history.valLoss and apply the rule.
  return { overfitting: false, bestEpoch: history.valLoss.length - 1 };
}
