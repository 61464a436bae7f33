/**
 * The wait estimate on the submission page, from measured data only: recent grading durations per assignment and
 * phase (grading_run), the jobs ahead in the fair order (db/queries/grading-queue.ts), what is left of the jobs
 * being graded, and the grader slots alive (grader heartbeats). Unknown, with the reason, when no grader is alive or
 * an assignment involved has fewer than MIN_SAMPLES measured gradings.
 *
 * Method: the jobs ahead are placed, in order, on the earliest free slot with their assignment's mean duration
 * (running jobs first hold their slot for their expected remaining time); this job starts when a slot frees after
 * them. The range is ±1.28 standard deviations of that start (the 10th–90th percentile of a sum of independent
 * durations, spread over the slots), plus this job's own 10th–90th percentile duration. It assumes no
 * higher-priority submission arrives meanwhile.
 */

export const MIN_SAMPLES = 3;
const Z90 = 1.2816;

export interface DurationStats {
  n: number;
  meanMs: number;
  sdMs: number;
  p10Ms: number;
  p50Ms: number;
  p90Ms: number;
  /** The samples, ascending (for the remaining time of a running job). */
  sorted: number[];
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 1) return sorted[0]!;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function durationStats(samplesMs: readonly number[]): DurationStats | null {
  if (samplesMs.length === 0) return null;
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const meanMs = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  const variance = sorted.length > 1 ? sorted.reduce((a, x) => a + (x - meanMs) ** 2, 0) / (sorted.length - 1) : 0;
  return {
    n: sorted.length,
    meanMs,
    sdMs: Math.sqrt(variance),
    p10Ms: quantile(sorted, 0.1),
    p50Ms: quantile(sorted, 0.5),
    p90Ms: quantile(sorted, 0.9),
    sorted,
  };
}

/** What is left of a job that has run `elapsedMs`: from the samples longer than that (0 when none is). */
export function remainingStats(
  stats: DurationStats,
  elapsedMs: number,
): { meanMs: number; varMs2: number; p10Ms: number; p90Ms: number } {
  const left = stats.sorted.filter((x) => x > elapsedMs).map((x) => x - elapsedMs);
  const s = durationStats(left);
  if (!s) return { meanMs: 0, varMs2: 0, p10Ms: 0, p90Ms: 0 };
  return { meanMs: s.meanMs, varMs2: s.sdMs ** 2, p10Ms: s.p10Ms, p90Ms: s.p90Ms };
}

export interface EstimateInput {
  slots: number;
  /** The jobs ahead, in the order they will run, each with its duration key (assignment + phase). */
  ahead: { key: string; n: number }[];
  running: { key: string; elapsedMs: number; sameStudentTraining?: boolean }[];
  own: { key: string; training: boolean };
  stats: ReadonlyMap<string, DurationStats | null>;
  /** Human names for keys in the unknown reason. */
  label?: (key: string) => string;
}

export interface WaitEstimate {
  /** Seconds until the result, 10th–90th percentile; null when unknown. */
  lowSeconds: number | null;
  highSeconds: number | null;
  /** Why there is no estimate; null when there is one. */
  unknownReason: string | null;
  /** The grader slots alive. */
  graders: number;
  /** Measured gradings the own duration comes from, and their median. */
  samples: number;
  medianSeconds: number | null;
}

const roundDown = (s: number) => Math.max(0, Math.floor(s / 5) * 5);
const roundUp = (s: number) => Math.max(5, Math.ceil(s / 5) * 5);

export function estimateWait(input: EstimateInput): WaitEstimate {
  const label = input.label ?? ((k: string) => k);
  const own = input.stats.get(input.own.key) ?? null;
  const base = {
    graders: input.slots,
    samples: own?.n ?? 0,
    medianSeconds: own ? Math.round(own.p50Ms / 100) / 10 : null,
  };
  const unknown = (reason: string): WaitEstimate => ({
    ...base,
    lowSeconds: null,
    highSeconds: null,
    unknownReason: reason,
  });
  if (input.slots < 1) return unknown("no grader is running right now");
  const keys = [input.own.key, ...input.ahead.map((a) => a.key), ...input.running.map((r) => r.key)];
  for (const key of new Set(keys)) {
    const s = input.stats.get(key);
    if (!s || s.n < MIN_SAMPLES)
      return unknown(`fewer than ${MIN_SAMPLES} gradings of ${label(key)} have been measured so far`);
  }
  const slots = Array.from({ length: input.slots }, () => 0);
  let variance = 0;
  let studentBusyLow = 0;
  let studentBusyHigh = 0;
  // Running jobs hold their slots (more running than slots only while a grader is being replaced: queue them).
  for (const r of input.running) {
    const rem = remainingStats(input.stats.get(r.key)!, r.elapsedMs);
    const i = slots.indexOf(Math.min(...slots));
    slots[i] = slots[i]! + rem.meanMs;
    variance += rem.varMs2;
    if (r.sameStudentTraining && input.own.training) {
      studentBusyLow = Math.max(studentBusyLow, rem.p10Ms);
      studentBusyHigh = Math.max(studentBusyHigh, rem.p90Ms);
    }
  }
  for (const a of input.ahead) {
    const s = input.stats.get(a.key)!;
    for (let k = 0; k < a.n; k++) {
      const i = slots.indexOf(Math.min(...slots));
      slots[i] = slots[i]! + s.meanMs;
    }
    variance += a.n * s.sdMs ** 2;
  }
  const start = Math.min(...slots);
  const spread = (Z90 * Math.sqrt(variance)) / input.slots;
  const startLow = Math.max(start - spread, studentBusyLow);
  const startHigh = Math.max(start + spread, studentBusyHigh);
  return {
    ...base,
    lowSeconds: roundDown((startLow + own!.p10Ms) / 1000),
    highSeconds: roundUp((startHigh + own!.p90Ms) / 1000),
    unknownReason: null,
  };
}

/** Seconds left of a running grading, from its assignment's measured durations; null when unknown. */
export function estimateRemaining(
  stats: DurationStats | null,
  elapsedMs: number,
): { lowSeconds: number; highSeconds: number } | null {
  if (!stats || stats.n < MIN_SAMPLES) return null;
  const rem = remainingStats(stats, elapsedMs);
  return { lowSeconds: roundDown(rem.p10Ms / 1000), highSeconds: roundUp(rem.p90Ms / 1000) };
}
