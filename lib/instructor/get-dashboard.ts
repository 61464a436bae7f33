import "server-only";
import { z } from "zod";
import { listAssignmentSubmissions } from "@/db/queries/instructor-grades";
import { listQuotaOverrides } from "@/db/queries/instructor-overrides";
import { listRegradeBatches } from "@/db/queries/instructor-regrade";
import { dailySubmissionCounts, errorKindCounts, submissionTotals } from "@/db/queries/instructor-stats";
import { findLeaderboardSetting, listHiddenRows } from "@/db/queries/leaderboards";
import { slugSchema } from "@/lib/content/assignment-schema";
import { requireEffectiveAssignment } from "@/lib/content/effective-settings";
import { gradeTable } from "@/lib/grades/grade-table";
import { histogram } from "./score-stats";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";

const inputSchema = z.strictObject({ assignment: slugSchema });

/**
 * Everything the per-assignment console shows: submissions per day, totals and median times, failures by error
 * kind, the distribution of students' final grades, one row per student, recent submissions and regrades.
 */
export const getDashboard = defineVerb({
  role: "staff",
  input: inputSchema,
  run: async (ctx, { assignment }) => {
    // Due date, late policy, quota and points as they apply now (the term's settings over assignment.yaml).
    const offering = offeringOf(ctx);
    const entry = await requireEffectiveAssignment(ctx.db, assignment, ctx.contentDir, offering);
    const { config } = entry;
    const [totals, daily, errorKinds, grades, quotas, recent, batches, board, hidden] = await Promise.all([
      submissionTotals(ctx.db, assignment, offering),
      dailySubmissionCounts(ctx.db, assignment, offering),
      errorKindCounts(ctx.db, assignment, offering),
      gradeTable(ctx.db, [entry], offering),
      listQuotaOverrides(ctx.db, assignment, offering),
      listAssignmentSubmissions(ctx.db, assignment, { limit: 50, offering }),
      listRegradeBatches(ctx.db, assignment, 5, offering),
      findLeaderboardSetting(ctx.db, assignment, offering),
      listHiddenRows(ctx.db, assignment, offering),
    ]);
    const quotaBy = new Map(quotas.map((q) => [q.userId, q]));
    const submitted = grades.filter((g) => g.submissionId !== null);
    return {
      slug: assignment,
      title: config.title,
      points: config.points,
      due: config.due,
      latePolicy: config.late_policy,
      quota: config.quota,
      leaderboard: config.leaderboard ? { ...config.leaderboard, ...board, hiddenRows: hidden.length } : null,
      totals,
      daily,
      errorKinds,
      students: {
        total: grades.length,
        submitted: submitted.length,
        passed: submitted.filter((g) => g.passed).length,
      },
      /** Final grades of students with a graded submission, in 10 bins of final / points. */
      distribution: histogram(submitted.map((g) => g.final / config.points)),
      grades: grades.map((g) => ({
        ...g,
        quota: quotaBy.has(g.userId)
          ? { daily: quotaBy.get(g.userId)!.daily, cooldownSeconds: quotaBy.get(g.userId)!.cooldownSeconds }
          : null,
      })),
      recent,
      regrades: batches,
    };
  },
});
