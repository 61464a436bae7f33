import "server-only";
import { studentDue } from "@/lib/offerings/deadlines";
import { z } from "zod";
import { findStudentOverrides } from "@/db/queries/instructor-overrides";
import { requireEffectiveAssignment } from "@/lib/content/effective-settings";
import { slugSchema } from "@/lib/content/assignment-schema";
import { listHistoryRows } from "@/db/queries/submission-history";
import { quotaStatus, type QuotaStatus } from "./history-quota";
import { visibleScore, type VisibleScore } from "./history-score";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";

export interface HistoryItem extends VisibleScore {
  id: string;
  status: "queued" | "running" | "graded" | "failed" | "superseded";
  /** Only as the student may see it: before the due date this ignores after-due-date checks. */
  passed: boolean | null;
  errorKind: string | null;
  failure: string | null;
  createdAt: string;
  gradedAt: string | null;
}

export interface SubmissionHistory {
  assignment: string;
  title: string;
  points: number;
  passThreshold: number;
  due: string;
  items: HistoryItem[];
  quota: QuotaStatus;
}

const inputSchema = z.strictObject({ assignment: slugSchema });

/**
 * The signed-in student's submissions of one assignment, newest first, with the scores they may see (after-due-date
 * checks withheld until the due date, late penalty applied) and their quota. Only their own submissions.
 */
export const listSubmissionHistory = defineVerb({
  input: inputSchema,
  run: async (ctx, { assignment }): Promise<SubmissionHistory> => {
    const actor = ctx.actor;
    const offering = offeringOf(ctx);
    const { config, visibility } = await requireEffectiveAssignment(ctx.db, assignment, ctx.contentDir, offering);
    const now = ctx.now ?? new Date();
    const [rows, overrides, due] = await Promise.all([
      listHistoryRows(ctx.db, actor.id, assignment, undefined, offering),
      findStudentOverrides(ctx.db, actor.id, assignment, offering),
      studentDue(ctx.db, { offering, userId: actor.id, assignment }, config.due),
    ]);
    const quota = await quotaStatus(ctx.db, { studentId: actor.id, offering, assignment, config, overrides, now });
    const items = rows.map((row): HistoryItem => {
      const shown = visibleScore(row, {
        due,
        now,
        policy: config.late_policy,
        extensionUntil: overrides.extensionUntil,
        visibility,
      });
      const passed =
        shown.finalScore === null ? null : shown.finalScore >= config.pass_threshold * config.points - 1e-9;
      return {
        id: row.id,
        status: row.status,
        ...shown,
        passed,
        errorKind: row.errorKind,
        failure: row.failure,
        createdAt: row.createdAt.toISOString(),
        gradedAt: row.gradedAt?.toISOString() ?? null,
      };
    });
    return {
      assignment,
      title: config.title,
      points: config.points,
      passThreshold: config.pass_threshold,
      due: due.toISOString(),
      items,
      quota,
    };
  },
});
