/**
 * Pure arithmetic for what a student may see of a submission's score: before the due date the points of
 * after-due-date checks are left out of both the score and the maximum (as lib/grading/student-view.ts does for
 * a whole result); the late penalty (lib/grades/late-penalty.ts) then applies to the visible score. Visibility is
 * today's (`visibility`, the term's overrides by check id) where a test names its check, else the stored one.
 */
import { applyPenalty, latePenalty, type LatePolicy } from "@/lib/grades/late-penalty";

export interface ScoredRow {
  score: number | null;
  maxScore: number | null;
  createdAt: Date;
  tests: { check?: string | null; visibility: string | null; score: number | null; max_score: number | null }[] | null;
}

export interface VisibleScore {
  /** null when the submission has no result (queued, running, failed). */
  score: number | null;
  maxScore: number | null;
  /** Points of checks whose results appear after the due date. */
  pendingPoints: number;
  daysLate: number;
  /** Fraction of the score lost to the late policy, in [0, 1]. */
  penalty: number;
  /** The visible score after the late penalty. */
  finalScore: number | null;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

export function visibleScore(
  row: ScoredRow,
  opts: {
    due: Date;
    now: Date;
    policy: LatePolicy | null;
    extensionUntil?: Date | null;
    visibility?: Record<string, string>;
  },
): VisibleScore {
  const late = latePenalty({
    submittedAt: row.createdAt,
    due: opts.due,
    policy: opts.policy,
    extensionUntil: opts.extensionUntil ?? null,
  });
  if (row.score === null || row.maxScore === null) {
    return {
      score: null,
      maxScore: row.maxScore,
      pendingPoints: 0,
      daysLate: late.daysLate,
      penalty: late.fraction,
      finalScore: null,
    };
  }
  let score = row.score;
  let maxScore = row.maxScore;
  let pending = 0;
  if (opts.now < opts.due && row.tests) {
    const map = opts.visibility;
    const today = (t: NonNullable<ScoredRow["tests"]>[number]) =>
      t.check && map && Object.hasOwn(map, t.check) ? map[t.check]! : t.visibility;
    const later = (t: NonNullable<ScoredRow["tests"]>[number]) => {
      const v = today(t);
      return v === "after_due_date" || v === "after_published";
    };
    pending = row.tests.filter(later).reduce((s, t) => s + (t.max_score ?? 0), 0);
    if (pending > 0) {
      score = row.tests.filter((t) => !later(t)).reduce((s, t) => s + (t.score ?? 0), 0);
      maxScore = row.maxScore - pending;
    }
  }
  return {
    score: round(score),
    maxScore: round(maxScore),
    pendingPoints: round(pending),
    daysLate: late.daysLate,
    penalty: late.fraction,
    finalScore: applyPenalty(score, late.fraction),
  };
}
