/** Hidden: the reference solution of overfitting-10pct (course check grades it and expects full marks). */
export const CANARY = "unlabeled-hidden-overfitting-10pct-solution";

/** Indices of a stratified random subset of size round(fraction × n): largest-remainder quotas per class. */
export function stratifiedSubset(labels: readonly number[], fraction: number, rng: () => number): number[] {
  const n = labels.length;
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => {
    const members = byClass.get(label) ?? [];
    members.push(i);
    byClass.set(label, members);
  });
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const exact = classes.map((c) => fraction * byClass.get(c)!.length);
  const quota = exact.map(Math.floor);
  const target = Math.round(fraction * n);
  const order = classes.map((_, i) => i).sort((a, b) => exact[b]! - quota[b]! - (exact[a]! - quota[a]!) || a - b);
  for (let k = 0; quota.reduce((s, q) => s + q, 0) < target; k++) quota[order[k % order.length]!]!++;
  const picked: number[] = [];
  classes.forEach((c, ci) => {
    const members = [...byClass.get(c)!];
    for (let i = 0; i < quota[ci]!; i++) {
      const j = i + Math.floor(rng() * (members.length - i));
      [members[i], members[j]] = [members[j]!, members[i]!];
      picked.push(members[i]!);
    }
  });
  return picked;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The README's rule: a clear rise of validation loss after its minimum while training loss kept falling. */
export function detectOverfitting(history: { loss: number[]; valLoss: number[] }): { overfitting: boolean; bestEpoch: number } {
  const { loss, valLoss } = history;
  let bestEpoch = 0;
  for (let i = 1; i < valLoss.length; i++) if (valLoss[i]! < valLoss[bestEpoch]!) bestEpoch = i;
  const last = valLoss.length - 1;
  const noise = median(valLoss.slice(1).map((v, i) => Math.abs(v - valLoss[i]!)));
  const rise = valLoss[last]! - valLoss[bestEpoch]!;
  const overfitting = last - bestEpoch >= 2 && rise >= 0.1 * valLoss[bestEpoch]! && rise >= 3 * noise && loss[last]! < loss[bestEpoch]!;
  return { overfitting, bestEpoch };
}
