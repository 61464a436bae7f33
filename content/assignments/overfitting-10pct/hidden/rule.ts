/** Hidden: the trusted form of the README's overfitting rule, with the margins used to pick unambiguous cases. */
export const CANARY = "unlabeled-hidden-overfitting-10pct-rule";

export interface History {
  loss: number[];
  valLoss: number[];
}

export interface RuleParts {
  bestEpoch: number;
  epochsAfter: number;
  rise: number;
  /** 10% of the minimum validation loss. */
  relativeBar: number;
  /** 3 × the median absolute epoch-to-epoch change of validation loss. */
  noiseBar: number;
  trainFell: boolean;
  overfitting: boolean;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function argmin(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! < values[best]!) best = i;
  return best;
}

export function ruleParts(h: History): RuleParts {
  const bestEpoch = argmin(h.valLoss);
  const last = h.valLoss.length - 1;
  const rise = h.valLoss[last]! - h.valLoss[bestEpoch]!;
  const relativeBar = 0.1 * h.valLoss[bestEpoch]!;
  const noiseBar = 3 * median(h.valLoss.slice(1).map((v, i) => Math.abs(v - h.valLoss[i]!)));
  const trainFell = h.loss[last]! < h.loss[bestEpoch]!;
  const epochsAfter = last - bestEpoch;
  return { bestEpoch, epochsAfter, rise, relativeBar, noiseBar, trainFell, overfitting: epochsAfter >= 2 && rise >= relativeBar && rise >= noiseBar && trainFell };
}

/**
 * True when small differences in how a student computes the rule cannot change the verdict: every condition holds
 * (or the deciding one fails) by a clear margin, and the minimum is unique by a clear margin.
 */
export function isUnambiguous(h: History): boolean {
  const p = ruleParts(h);
  const sorted = [...h.valLoss].sort((a, b) => a - b);
  if (sorted.length > 1 && sorted[1]! - sorted[0]! < 1e-3 * Math.abs(sorted[0]!) + 1e-6) return false;
  const last = h.loss.length - 1;
  const trainClear = Math.abs(h.loss[last]! - h.loss[p.bestEpoch]!) > 0.05 * Math.abs(h.loss[p.bestEpoch]!);
  const riseClear = (bar: number) => p.rise > 1.25 * bar || p.rise < 0.8 * bar;
  if (p.overfitting) return p.rise > 1.25 * Math.max(p.relativeBar, p.noiseBar) && trainClear;
  return p.epochsAfter < 2 || (!p.trainFell && trainClear) || (p.rise < 0.8 * p.relativeBar) || (p.rise < 0.8 * p.noiseBar && riseClear(p.relativeBar));
}
