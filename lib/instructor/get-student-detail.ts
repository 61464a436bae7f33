import "server-only";
import { z } from "zod";
import { listAudit } from "@/db/queries/instructor-audit";
import { listAssignmentSubmissions } from "@/db/queries/instructor-grades";
import { findAdjustment, findStudentOverrides } from "@/db/queries/instructor-overrides";
import { listHiddenRows } from "@/db/queries/leaderboards";
import { slugSchema } from "@/lib/content/assignment-schema";
import { requireEffectiveAssignment } from "@/lib/content/effective-settings";
import { gradeTable } from "@/lib/grades/grade-table";
import { requireStudent } from "./context";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";

const inputSchema = z.strictObject({ assignment: slugSchema, userId: z.string().min(1).max(100) });

/** One student on one assignment: grade, submissions, extension, quota override, adjustment, leaderboard state, audit trail. */
export const getStudentDetail = defineVerb({
  role: "staff",
  input: inputSchema,
  run: async (ctx, data) => {
    const offering = offeringOf(ctx);
    const entry = await requireEffectiveAssignment(ctx.db, data.assignment, ctx.contentDir, offering);
    const user = await requireStudent(ctx.db, data.userId, offering);
    const [grades, submissions, overrides, adjustment, hidden, audit] = await Promise.all([
      gradeTable(ctx.db, [entry], offering),
      listAssignmentSubmissions(ctx.db, data.assignment, { userId: data.userId, limit: 200, offering }),
      findStudentOverrides(ctx.db, data.userId, data.assignment, offering),
      findAdjustment(ctx.db, data.userId, data.assignment, offering),
      listHiddenRows(ctx.db, data.assignment, offering),
      listAudit(ctx.db, { offering, assignment: data.assignment, subjectUserId: data.userId, limit: 100 }),
    ]);
    return {
      user,
      assignment: {
        slug: entry.slug,
        title: entry.config.title,
        due: entry.config.due,
        quota: entry.config.quota,
        points: entry.config.points,
        hasLeaderboard: !!entry.config.leaderboard,
      },
      grade: grades.find((g) => g.userId === data.userId) ?? null,
      submissions,
      overrides,
      adjustment,
      hiddenOnLeaderboard: hidden.find((h) => h.userId === data.userId) ?? null,
      audit,
    };
  },
});
