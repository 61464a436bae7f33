/**
 * Tests of randomness for checks whose contract names a random process. A marginal rate alone accepts
 * deterministic or low-discrepancy "randomness" (one rng() draw per call, golden-ratio sequences, every seventh
 * token), so a check should also test
 * - dispersion: per-call counts must spread like independent draws (a chi-square test on their variance),
 * - serial independence: neighbouring outcomes must not be correlated (lag-1 autocorrelation),
 * - entropy: a process with H bits of entropy needs at least H / 32 draws from a 32-bit generator.
 * Each test fails a correct solution with probability at most `alpha` (default 1e-5, two-sided).
 */

export const STAT_ALPHA = 1e-5;

/** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** Two-sided bounds of a chi-square variable with k degrees of freedom (Wilson–Hilferty). */
export function chiSquareBounds(k: number, alpha = STAT_ALPHA): [number, number] {
  const z = normalQuantile(1 - alpha / 2);
  const s = Math.sqrt(2 / (9 * k));
  const at = (zz: number) => k * Math.max(0, 1 - 2 / (9 * k) + zz * s) ** 3;
  return [at(-z), at(z)];
}

export interface TestOutcome {
  ok: boolean;
  /** One line for the feedback: the statistic and its bounds. */
  line: string;
}

/**
 * Do per-call counts of a Bernoulli(p) outcome (counts[i] of trials[i]) vary as much as independent draws would?
 * A process that hits the expected count in every call is as wrong as one that misses it.
 */
export function dispersion(counts: readonly number[], trials: readonly number[], p: number, what: string, alpha = STAT_ALPHA): TestOutcome {
  let statistic = 0;
  let df = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = trials[i]!;
    if (n * p * (1 - p) < 2) continue;
    statistic += (counts[i]! - n * p) ** 2 / (n * p * (1 - p));
    df++;
  }
  if (df < 5) return { ok: true, line: `${what}: too few calls to test how the counts spread` };
  const [lo, hi] = chiSquareBounds(df, alpha);
  const ok = statistic >= lo && statistic <= hi;
  const verdict = statistic < lo ? " — far too regular for independent draws" : statistic > hi ? " — far too irregular for independent draws" : "";
  return { ok, line: `${what}: spread across ${df} calls χ² = ${statistic.toFixed(1)} (independent draws give ${lo.toFixed(1)}–${hi.toFixed(1)})${verdict}` };
}

/**
 * Lag-1 autocorrelation pooled over sequences of outcomes (0/1 or numbers), each centred on its own mean, so calls
 * with different rates do not look correlated when pooled.
 */
export function serialIndependence(sequences: ReadonlyArray<ArrayLike<number>>, what: string, alpha = STAT_ALPHA): TestOutcome {
  let num = 0;
  let den = 0;
  let pairs = 0;
  for (const s of sequences) {
    if (s.length < 2) continue;
    let mean = 0;
    for (let i = 0; i < s.length; i++) mean += s[i]!;
    mean /= s.length;
    for (let i = 0; i < s.length; i++) {
      const x = s[i]! - mean;
      den += x * x;
      if (i + 1 < s.length) {
        num += x * (s[i + 1]! - mean);
        pairs++;
      }
    }
  }
  if (pairs < 100 || den === 0) return { ok: true, line: `${what}: too few neighbours to test independence` };
  // Centring each sequence on its own mean biases r by about -1/length; that bias is removed before testing.
  const r = num / den + sequences.length / Math.max(1, pairs);
  const z = r * Math.sqrt(pairs);
  const limit = normalQuantile(1 - alpha / 2);
  const ok = Math.abs(z) <= limit;
  return { ok, line: `${what}: correlation between neighbours ${r.toFixed(3)} over ${pairs} pairs (|z| = ${Math.abs(z).toFixed(1)}, independent draws stay below ${limit.toFixed(1)})` };
}

/** Binary entropy in bits. */
export function binaryEntropy(p: number): number {
  return p <= 0 || p >= 1 ? 0 : -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p));
}

/** Entropy in bits of a categorical distribution. */
export function entropy(probabilities: readonly number[]): number {
  return probabilities.reduce((h, p) => (p > 0 ? h - p * Math.log2(p) : h), 0);
}

/** The fewest numbers a process with `bits` of entropy can draw from a 32-bit generator. */
export function minimumDraws(bits: number): number {
  return Math.ceil(bits / 32);
}

/** Draws against the entropy bound: fewer is impossible for the specified process, whatever the code does. */
export function enoughDraws(draws: number, bits: number, what: string): TestOutcome {
  const needed = minimumDraws(bits);
  const ok = draws >= needed;
  return {
    ok,
    line: ok
      ? `${what}: ${draws} numbers drawn from rng (the process needs at least ${needed})`
      : `${what}: only ${draws} numbers were drawn from rng, but the specified process carries about ${Math.round(bits)} bits of randomness, which needs at least ${needed} draws of 32 bits: the rest of the "randomness" is computed, not drawn`,
  };
}
