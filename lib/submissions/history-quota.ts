import "server-only";
import { studentDue } from "@/lib/offerings/deadlines";
import { z } from "zod";
import type { Db } from "@/db/client";
import { findStudentOverrides, type StudentOverrides } from "@/db/queries/instructor-overrides";
import { countQuotaSubmissions, latestSubmissionTime } from "@/db/queries/submissions";
import type { AssignmentConfig } from "@/lib/content/assignments";
import { requireEffectiveAssignment } from "@/lib/content/effective-settings";
import { slugSchema } from "@/lib/content/assignment-schema";
import { effectiveDeadline } from "@/lib/grades/late-penalty";
import { effectiveQuota, startOfUtcDay } from "./submit";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";

export interface QuotaStatus {
  assignment: string;
  /** Graded submissions allowed per UTC day (a per-student override included). */
  daily: number;
  used: number;
  remaining: number;
  /** When today's quota resets (00:00 UTC). */
  resetsAt: string;
  cooldownSeconds: number;
  /** While a cooldown runs: when the next submission is allowed; else null. */
  nextSubmissionAt: string | null;
  /** The student's deadline (an extension included) and whether late work is accepted. */
  deadline: string;
  latePolicy: { penalty_per_day: number; max_penalty: number; grace_minutes: number } | null;
  /** Past the deadline with no late policy: submitting is refused. */
  closed: boolean;
}

const inputSchema = z.strictObject({ assignment: slugSchema });

/** The signed-in student's remaining submissions today and cooldown for one assignment, counted as submit() counts. */
export const getQuotaStatus = defineVerb({
  input: inputSchema,
  run: async (ctx, { assignment }): Promise<QuotaStatus> => {
    const actor = ctx.actor;
    const offering = offeringOf(ctx);
    const { config } = await requireEffectiveAssignment(ctx.db, assignment, ctx.contentDir, offering);
    const overrides = await findStudentOverrides(ctx.db, actor.id, assignment, offering);
    const now = ctx.now ?? new Date();
    return quotaStatus(ctx.db, { studentId: actor.id, offering, assignment, config, overrides, now });
  },
});

/** The quota of one student for an assignment whose effective config and overrides the caller has already read. */
export async function quotaStatus(
  db: Db,
  args: {
    studentId: string;
    offering: string;
    assignment: string;
    config: AssignmentConfig;
    overrides: StudentOverrides;
    now: Date;
  },
): Promise<QuotaStatus> {
  const { studentId, offering, assignment, config, overrides, now } = args;
  const dayStart = startOfUtcDay(now);
  const [used, last, due] = await Promise.all([
    countQuotaSubmissions(db, studentId, assignment, dayStart, offering),
    latestSubmissionTime(db, studentId, assignment, offering),
    studentDue(db, { offering, userId: studentId, assignment }, config.due),
  ]);
  const { daily, cooldownSeconds } = effectiveQuota(config, overrides);
  const next = last && cooldownSeconds > 0 ? new Date(last.getTime() + cooldownSeconds * 1000) : null;
  const deadline = effectiveDeadline(due, overrides.extensionUntil);
  return {
    assignment,
    daily,
    used,
    remaining: Math.max(0, daily - used),
    resetsAt: new Date(dayStart.getTime() + 86_400_000).toISOString(),
    cooldownSeconds,
    nextSubmissionAt: next && next > now ? next.toISOString() : null,
    deadline: deadline.toISOString(),
    latePolicy: config.late_policy,
    closed: now > deadline && !config.late_policy,
  };
}
