/**
 * Late-policy arithmetic, pure and shared by the grade export, the instructor console and the student progress page.
 *
 * Rules:
 * - The effective deadline is the later of `due` and the student's `extensionUntil` (an extension never shortens it).
 * - A submission at or before `deadline + grace_minutes` is on time: `{ daysLate: 0, fraction: 0 }`.
 * - Otherwise lateness counts STARTED days from the effective deadline itself (grace is not subtracted):
 *   1 ms to 24 h late is 1 day, 24 h + 1 ms is 2 days. `daysLate = ceil((submittedAt - deadline) / 24 h)`.
 * - `fraction = min(max_penalty, daysLate * penalty_per_day)`, rounded to 6 decimals so 3 × 0.1 is exactly 0.3.
 * - `policy: null` means the assignment takes no late work: a late submission loses everything (`fraction: 1`).
 *   (The submit verb refuses such submissions; this only matters if one exists anyway.)
 *
 * The final score is `score * (1 - fraction)`.
 */
export interface LatePolicy {
  penalty_per_day: number;
  max_penalty: number;
  grace_minutes: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function effectiveDeadline(due: Date, extensionUntil?: Date | null): Date {
  return extensionUntil && extensionUntil.getTime() > due.getTime() ? extensionUntil : due;
}

export function latePenalty(args: {
  submittedAt: Date;
  due: Date;
  policy: LatePolicy | null;
  extensionUntil?: Date | null;
}): { daysLate: number; fraction: number } {
  const deadline = effectiveDeadline(args.due, args.extensionUntil).getTime();
  const submitted = args.submittedAt.getTime();
  const graceMs = (args.policy?.grace_minutes ?? 0) * 60_000;
  if (!Number.isFinite(submitted) || !Number.isFinite(deadline)) throw new RangeError("latePenalty: invalid date");
  if (submitted <= deadline + graceMs) return { daysLate: 0, fraction: 0 };
  const daysLate = Math.ceil((submitted - deadline) / DAY_MS);
  if (!args.policy) return { daysLate, fraction: 1 };
  const raw = Math.min(args.policy.max_penalty, daysLate * args.policy.penalty_per_day);
  return { daysLate, fraction: Math.round(Math.max(0, raw) * 1e6) / 1e6 };
}

/** Applies a penalty fraction to a score, rounded to 4 decimals. */
export function applyPenalty(score: number, fraction: number): number {
  return Math.round(score * (1 - fraction) * 1e4) / 1e4;
}
