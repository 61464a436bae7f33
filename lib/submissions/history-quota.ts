import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { findStudentOverrides, type StudentOverrides } from "@/db/queries/instructor-overrides";
import { countQuotaSubmissions, latestSubmissionTime } from "@/db/queries/submissions";
import type { AssignmentConfig } from "@/lib/content/assignments";
import { requireEffectiveAssignment } from "@/lib/content/effective-settings";
import { slugSchema } from "@/lib/content/assignment-schema";
import { effectiveDeadline } from "@/lib/grades/late-penalty";
import { effectiveQuota, startOfUtcDay } from "./submit";
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
    const { config } = await requireEffectiveAssignment(ctx.db, assignment, ctx.contentDir);
    const overrides = await findStudentOverrides(ctx.db, actor.id, assignment);
    return quotaStatus(ctx.db, { studentId: actor.id, assignment, config, overrides, now: ctx.now ?? new Date() });
  },
});

/** The quota of one student for an assignment whose effective config and overrides the caller has already read. */
export async function quotaStatus(
  db: Db,
  args: { studentId: string; assignment: string; config: AssignmentConfig; overrides: StudentOverrides; now: Date },
): Promise<QuotaStatus> {
  const { studentId, assignment, config, overrides, now } = args;
  const dayStart = startOfUtcDay(now);
  const [used, last] = await Promise.all([
    countQuotaSubmissions(db, studentId, assignment, dayStart),
    latestSubmissionTime(db, studentId, assignment),
  ]);
  const { daily, cooldownSeconds } = effectiveQuota(config, overrides);
  const next = last && cooldownSeconds > 0 ? new Date(last.getTime() + cooldownSeconds * 1000) : null;
  const deadline = effectiveDeadline(config.due, overrides.extensionUntil);
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
