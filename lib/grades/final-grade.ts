/**
 * Which submission counts for a grade, and the final score. Pure.
 *
 * The counted submission is the one with the highest score after its late penalty (`score × (1 − fraction)`);
 * ties go to the earlier submission. Students cannot pick a graded submission: the best one always counts.
 * final = max(0, score − late_penalty + adjustment), rounded to 4 decimals; `late_penalty` is in points.
 * With no graded submission, score and penalty are 0 and final is max(0, adjustment).
 */
import { applyPenalty, latePenalty, type LatePolicy } from "./late-penalty";

export interface Attempt {
  submissionId: string;
  createdAt: Date;
  score: number;
  maxScore: number;
}

export interface FinalGrade {
  submissionId: string | null;
  submittedAt: Date | null;
  score: number;
  maxScore: number;
  daysLate: number;
  /** Points lost to the late policy. */
  latePenalty: number;
  adjustment: number;
  final: number;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function finalGrade(args: {
  attempts: Attempt[];
  points: number;
  due: Date;
  policy: LatePolicy | null;
  extensionUntil?: Date | null;
  adjustment?: number | null;
}): FinalGrade {
  const adjustment = args.adjustment ?? 0;
  let best: (FinalGrade & { kept: number }) | null = null;
  for (const a of args.attempts) {
    const late = latePenalty({
      submittedAt: a.createdAt,
      due: args.due,
      policy: args.policy,
      extensionUntil: args.extensionUntil,
    });
    const kept = applyPenalty(a.score, late.fraction);
    const better =
      !best || kept > best.kept || (kept === best.kept && a.createdAt.getTime() < best.submittedAt!.getTime());
    if (better) {
      best = {
        submissionId: a.submissionId,
        submittedAt: a.createdAt,
        score: a.score,
        maxScore: a.maxScore,
        daysLate: late.daysLate,
        latePenalty: round4(a.score - kept),
        adjustment,
        final: 0,
        kept,
      };
    }
  }
  if (!best) {
    return {
      submissionId: null,
      submittedAt: null,
      score: 0,
      maxScore: args.points,
      daysLate: 0,
      latePenalty: 0,
      adjustment,
      final: round4(Math.max(0, adjustment)),
    };
  }
  const { kept, ...grade } = best;
  return { ...grade, final: round4(Math.max(0, kept + adjustment)) };
}
