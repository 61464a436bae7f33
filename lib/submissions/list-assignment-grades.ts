import "server-only";
import { studentDue } from "@/lib/offerings/deadlines";
import { findStudentOverrides } from "@/db/queries/instructor-overrides";
import { listEffectiveAssignments } from "@/lib/content/effective-settings";
import { effectiveDeadline } from "@/lib/grades/late-penalty";
import { listGradedRows } from "@/db/queries/submission-history";
import { visibleScore } from "./history-score";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";

export interface AssignmentGrade {
  slug: string;
  title: string;
  points: number;
  due: string;
  /** The student's own deadline: later than `due` when an instructor granted an extension. */
  deadline: string;
  latePolicy: { penalty_per_day: number; max_penalty: number; grace_minutes: number } | null;
  submissions: number;
  /** The best visible score after the late penalty, and the submission it came from; null before any result. */
  best: {
    finalScore: number;
    score: number;
    maxScore: number | null;
    penalty: number;
    daysLate: number;
    submissionId: string;
  } | null;
  passed: boolean;
}

/**
 * The signed-in student's grade per assignment: the best of their graded submissions after the late penalty
 * (extensions included), counting only what they may see before the due date.
 */
export const listAssignmentGrades = defineVerb({
  run: async (ctx): Promise<AssignmentGrade[]> => {
    const { actor, contentDir } = ctx;
    const offering = offeringOf(ctx);
    const now = ctx.now ?? new Date();
    const [assignments, rows] = await Promise.all([
      listEffectiveAssignments(ctx.db, contentDir, offering),
      listGradedRows(ctx.db, actor.id, undefined, offering),
    ]);
    return Promise.all(
      assignments.map(async ({ slug, config, visibility }): Promise<AssignmentGrade> => {
        const mine = rows.filter((r) => r.assignment === slug);
        const overrides = await findStudentOverrides(ctx.db, actor.id, slug, offering);
        const due = await studentDue(ctx.db, { offering, userId: actor.id, assignment: slug }, config.due);
        let best: AssignmentGrade["best"] = null;
        for (const row of mine) {
          const shown = visibleScore(row, {
            due,
            now,
            policy: config.late_policy,
            extensionUntil: overrides.extensionUntil,
            visibility,
          });
          if (shown.finalScore === null || shown.score === null) continue;
          if (!best || shown.finalScore > best.finalScore) {
            best = {
              finalScore: shown.finalScore,
              score: shown.score,
              maxScore: shown.maxScore,
              penalty: shown.penalty,
              daysLate: shown.daysLate,
              submissionId: row.id,
            };
          }
        }
        return {
          slug,
          title: config.title,
          points: config.points,
          due: due.toISOString(),
          deadline: effectiveDeadline(due, overrides.extensionUntil).toISOString(),
          latePolicy: config.late_policy,
          submissions: mine.length,
          best,
          passed: best !== null && best.finalScore >= config.pass_threshold * config.points - 1e-9,
        };
      }),
    );
  },
});
