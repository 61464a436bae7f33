import "server-only";
import { randomInt, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { findStudentOverrides, type StudentOverrides } from "@/db/queries/instructor-overrides";
import { countQuotaSubmissions, insertSubmission, latestSubmissionTime } from "@/db/queries/submissions";
import { requireAssignment, type AssignmentConfig } from "@/lib/content/assignments";
import { slugSchema } from "@/lib/content/assignment-schema";
import { effectiveDeadline } from "@/lib/grades/late-penalty";
import { gradingUnavailableError } from "@/lib/system/grading-unavailable";
import { authorize, type ServiceContext } from "../context";
import { AppError } from "../errors";
import { parseInput } from "../validation";

export const MAX_SOURCE_BYTES = 200 * 1024;

const inputSchema = z.strictObject({
  assignment: slugSchema,
  source: z
    .string({ error: "is required" })
    .refine((s) => s.trim().length > 0, "is empty")
    .refine((s) => Buffer.byteLength(s, "utf8") <= MAX_SOURCE_BYTES, `is larger than ${MAX_SOURCE_BYTES / 1024} KB`),
});

export interface SubmitContext extends ServiceContext {
  /** Hands the stored submission to the grading queue under the given job id. */
  enqueue(job: { submissionId: string; reason: "submit" }, jobId: string): Promise<unknown>;
  now?: Date;
  /** The content folder (tests point it at a fixture course). */
  contentDir?: string;
  /** Whether this server can grade (lib/system/grading-status.ts); null or absent: not known here, accept. */
  grading?: () => Promise<{ ok: boolean; message: string } | null>;
}

/** Daily quotas reset at 00:00 UTC. */
export function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** A student's daily quota and cooldown: the assignment's, unless an instructor set an override (lib/instructor/). */
export function effectiveQuota(config: AssignmentConfig, overrides: StudentOverrides): { daily: number; cooldownSeconds: number } {
  return { daily: overrides.daily ?? config.quota.daily, cooldownSeconds: overrides.cooldownSeconds ?? config.quota.cooldown_seconds };
}

function formatWait(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Stores a submission for grading after checking size, deadline, daily quota and cooldown, then enqueues it. */
export async function submit({ ctx, input }: { ctx: SubmitContext; input: unknown }) {
  const actor = authorize(ctx.actor);
  const data = parseInput(inputSchema, input);
  const now = ctx.now ?? new Date();
  const assignment = await requireAssignment(data.assignment, ctx.contentDir);
  const { config } = assignment;
  // Refused, not queued to fail, while this server grades and its sandbox cannot run (lib/system/).
  const grading = await ctx.grading?.();
  if (grading && !grading.ok) throw gradingUnavailableError(grading);
  // An instructor may give this student a later deadline and a different quota (lib/instructor/).
  const overrides = await findStudentOverrides(ctx.db, actor.id, data.assignment);
  const deadline = effectiveDeadline(config.due, overrides.extensionUntil);
  const quota = effectiveQuota(config, overrides);
  if (now > deadline && !config.late_policy) {
    throw new AppError("forbidden", `The deadline (${deadline.toISOString()}) has passed; this assignment takes no late submissions.`);
  }
  const jobId = randomUUID();
  const submission = await ctx.db.transaction(async (tx) => {
    // One submit at a time per student and assignment, so two racing requests cannot both pass the quota.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${actor.id}), hashtext(${data.assignment}))`);
    const last = await latestSubmissionTime(tx, actor.id, data.assignment);
    const cooldown = quota.cooldownSeconds;
    if (last && cooldown > 0) {
      const wait = Math.ceil((last.getTime() + cooldown * 1000 - now.getTime()) / 1000);
      if (wait > 0) throw new AppError("rate_limited", `Please wait ${formatWait(wait)} before submitting again (cooldown ${cooldown} s).`);
    }
    const dayStart = startOfUtcDay(now);
    const used = await countQuotaSubmissions(tx, actor.id, data.assignment, dayStart);
    if (used >= quota.daily) {
      const reset = Math.ceil((dayStart.getTime() + 86_400_000 - now.getTime()) / 1000);
      throw new AppError(
        "rate_limited",
        `You have used all ${quota.daily} graded submissions for today; the quota resets at 00:00 UTC (in ${formatWait(reset)}). Failed runs do not count.`,
      );
    }
    return insertSubmission(tx, { userId: actor.id, assignment: data.assignment, source: data.source, seed: randomInt(1, 2 ** 31 - 1), jobId });
  });
  // After commit: if this enqueue is lost (crash), the grader's sweeper re-sends queued submissions without a job.
  await ctx.enqueue({ submissionId: submission.id, reason: "submit" }, jobId);
  return submission;
}
