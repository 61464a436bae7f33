import "server-only";
import { randomInt, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { findStudentOverrides, type StudentOverrides } from "@/db/queries/instructor-overrides";
import {
  countQuotaSubmissions,
  hasResultOrRunning,
  insertSubmission,
  latestSubmissionTime,
  supersedeQueued,
} from "@/db/queries/submissions";
import { fairPriority } from "@/lib/grading/schedule";
import type { AssignmentConfig } from "@/lib/content/assignments";
import { requireEffectiveAssignment } from "@/lib/content/effective-settings";
import { slugSchema } from "@/lib/content/assignment-schema";
import { effectiveDeadline } from "@/lib/grades/late-penalty";
import { studentDue } from "@/lib/offerings/deadlines";
import { requireInOffering } from "@/lib/offerings/membership";
import { ARCHIVED_OFFERING } from "@/lib/offerings/update-offering";
import { findOffering } from "@/db/queries/offerings";
import { gradingUnavailableError } from "@/lib/system/grading-unavailable";
import { offeringOf } from "../context";
import { AppError } from "../errors";
import { defineVerb } from "../verb";

export const MAX_SOURCE_BYTES = 200 * 1024;

const inputSchema = z.strictObject({
  assignment: slugSchema,
  source: z
    .string({ error: "is required" })
    .refine((s) => s.trim().length > 0, "is empty")
    .refine((s) => Buffer.byteLength(s, "utf8") <= MAX_SOURCE_BYTES, `is larger than ${MAX_SOURCE_BYTES / 1024} KB`),
});

/** Daily quotas reset at 00:00 UTC. */
export function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/**
 * A student's daily quota and cooldown. Layers, lowest first: assignment.yaml, the instructor's term setting (in
 * `config` when it is the effective config, lib/content/effective-settings.ts), this student's override.
 */
export function effectiveQuota(
  config: AssignmentConfig,
  overrides: StudentOverrides,
): { daily: number; cooldownSeconds: number } {
  return {
    daily: overrides.daily ?? config.quota.daily,
    cooldownSeconds: overrides.cooldownSeconds ?? config.quota.cooldown_seconds,
  };
}

function formatWait(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * Stores a submission for grading after checking size, deadline, daily quota and cooldown, then enqueues it with its
 * fair-scheduling priority (lib/grading/schedule.ts). It supersedes the student's queued, never graded submissions
 * of the assignment first, so those never run and stop counting against the quota.
 */
export const submit = defineVerb({
  input: inputSchema,
  needs: ["enqueue"],
  transaction: true,
  // Outside the transaction: the settings, the grading check and the deadline decide whether to go on at all.
  prepare: async (ctx, data) => {
    const actor = ctx.actor;
    const now = ctx.now ?? new Date();
    const offering = offeringOf(ctx);
    // Only into an offering the student is in (the request's resolver refuses others first; this holds for any caller).
    await requireInOffering(ctx.db, ctx);
    if ((await findOffering(ctx.db, offering))?.archived) throw new AppError("forbidden", ARCHIVED_OFFERING);
    // The term's settings (deadline, late policy, quota, cooldown) layered over assignment.yaml.
    const assignment = await requireEffectiveAssignment(ctx.db, data.assignment, ctx.contentDir, offering);
    const { config } = assignment;
    // Refused, not queued to fail, while this server grades and its sandbox cannot run (lib/system/).
    const grading = await ctx.grading?.();
    if (grading && !grading.ok) throw gradingUnavailableError(grading);
    // An instructor may give this student a later deadline and a different quota (lib/instructor/).
    const overrides = await findStudentOverrides(ctx.db, actor.id, data.assignment, offering);
    // A section's own due date comes between the offering's and the student's extension (lib/offerings/deadlines.ts).
    const due = await studentDue(ctx.db, { offering, userId: actor.id, assignment: data.assignment }, config.due);
    const deadline = effectiveDeadline(due, overrides.extensionUntil);
    const quota = effectiveQuota(config, overrides);
    if (now > deadline && !config.late_policy) {
      throw new AppError(
        "forbidden",
        `The deadline (${deadline.toISOString()}) has passed; this assignment takes no late submissions.`,
      );
    }
    return { now, offering, deadline, quota, jobId: randomUUID(), id: randomUUID() };
  },
  run: async (ctx, data, tx, { now, offering, deadline, quota, jobId, id }) => {
    const actor = ctx.actor;
    // One submit at a time per student and assignment, so two racing requests cannot both pass the quota.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${actor.id}), hashtext(${data.assignment}))`);
    const last = await latestSubmissionTime(tx, actor.id, data.assignment, offering);
    const cooldown = quota.cooldownSeconds;
    if (last && cooldown > 0) {
      const wait = Math.ceil((last.getTime() + cooldown * 1000 - now.getTime()) / 1000);
      if (wait > 0)
        throw new AppError(
          "rate_limited",
          `Please wait ${formatWait(wait)} before submitting again (cooldown ${cooldown} s).`,
        );
    }
    // Queued older ones (not running yet) are replaced by this one: they end superseded and cost no quota.
    const superseded =
      ctx.supersede === false
        ? []
        : await supersedeQueued(tx, { userId: actor.id, assignment: data.assignment, by: id, offering });
    const dayStart = startOfUtcDay(now);
    const used = await countQuotaSubmissions(tx, actor.id, data.assignment, dayStart, offering);
    if (quota.daily === 0)
      throw new AppError(
        "rate_limited",
        "This assignment takes no graded submissions at the moment (its daily quota is 0).",
      );
    if (used >= quota.daily) {
      const reset = Math.ceil((dayStart.getTime() + 86_400_000 - now.getTime()) / 1000);
      throw new AppError(
        "rate_limited",
        `You have used all ${quota.daily} graded submissions for today; the quota resets at 00:00 UTC (in ${formatWait(reset)}). Failed runs do not count.`,
      );
    }
    const priority = fairPriority({
      hasResult: await hasResultOrRunning(tx, actor.id, data.assignment, offering),
      deadline,
      now,
    });
    const seed = randomInt(1, 2 ** 31 - 1);
    return {
      submission: await insertSubmission(tx, {
        id,
        userId: actor.id,
        offering,
        assignment: data.assignment,
        source: data.source,
        seed,
        jobId,
        priority,
      }),
      superseded,
    };
  },
  // After commit: if this enqueue is lost (crash), the grader's sweeper re-sends queued submissions without a job.
  afterCommit: async (ctx, data, { submission, superseded }, { jobId }) => {
    const job = {
      submissionId: submission.id,
      reason: "submit" as const,
      student: ctx.actor.id,
      assignment: data.assignment,
      priority: submission.priority,
    };
    await ctx.enqueue(job, jobId);
    const stale = superseded.flatMap((s) => (s.jobId ? [s.jobId] : []));
    if (stale.length && ctx.cancel) await ctx.cancel(stale).catch(() => undefined);
    return { ...submission, superseded: superseded.map((s) => s.id) };
  },
});
