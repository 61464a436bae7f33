import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { DbHandle } from "@/db/client";
import {
  currentResult,
  findOldQueued,
  findStaleRunning,
  markFailed,
  requeueSubmission,
  type SubmissionSummary,
} from "@/db/queries/submissions";
import { submissions } from "@/db/schema";
import { enqueueGrading, GRADE_QUEUE, JOB_RETRY_LIMIT, type GradeJob } from "./queue";
import { gradingTiming, type GradingTiming } from "./timing";

/**
 * Finds work a dead grader left behind: running submissions without a heartbeat are handed back to pg-boss for a
 * retry (or failed when out of attempts), and queued submissions whose job was lost are enqueued again.
 */
export async function sweepAbandoned(
  handle: DbHandle,
  boss: PgBoss,
  now = Date.now(),
  timing: GradingTiming = gradingTiming(),
): Promise<{ requeued: number; resent: number; failed: number }> {
  let requeued = 0;
  let resent = 0;
  let failed = 0;
  for (const sub of await findStaleRunning(handle.db, new Date(now - timing.staleAfterMs))) {
    const job = sub.jobId ? await boss.getJobById(GRADE_QUEUE, sub.jobId).catch(() => null) : null;
    // Retries are counted per job (a regrade is a new job), not by the submission's cumulative attempts.
    const exhausted = job ? job.retryCount >= job.retryLimit : sub.attempts > 10 * (JOB_RETRY_LIMIT + 1);
    if (exhausted) {
      await markFailed(handle.db, sub.id, "The grader stopped responding on every attempt.");
      if (job?.state === "active")
        await boss.fail(GRADE_QUEUE, job.id, { message: "grader lost" }).catch(() => undefined);
      failed++;
      continue;
    }
    if (job && job.state === "active") {
      // The job first: a sweeper that dies between the two steps leaves a retry that any grader takes (and claims
      // the still running submission), never a queued submission whose job stays active.
      await boss.fail(GRADE_QUEUE, job.id, { message: "grader stopped responding" });
      if (await requeueSubmission(handle.db, sub.id, sub.attempts, "retrying: the grader stopped responding"))
        requeued++;
      continue;
    }
    if (!(await requeueSubmission(handle.db, sub.id, sub.attempts, "retrying: the grader stopped responding")))
      continue;
    requeued++;
    await resend(handle, boss, sub);
  }
  for (const sub of await findOldQueued(handle.db, new Date(now - timing.lostAfterMs))) {
    const job = sub.jobId ? await boss.getJobById(GRADE_QUEUE, sub.jobId).catch(() => null) : null;
    // Active for longer than the stale limit while its submission still waits: nobody is grading it (its grader
    // died between taking the job and claiming the submission, or a sweep died half-way). Hand it back.
    if (job?.state === "active" && job.startedOn && now - new Date(job.startedOn).getTime() > timing.staleAfterMs) {
      await boss.fail(GRADE_QUEUE, job.id, { message: "taken by a grader that never started it" });
      resent++;
      continue;
    }
    if (job && ["created", "retry", "active"].includes(job.state)) continue;
    await resend(handle, boss, sub);
    resent++;
  }
  return { requeued, resent, failed };
}

/** A fresh job for a submission, with its scheduling fields; the expensive phase when its cheap phase is done. */
async function resend(handle: DbHandle, boss: PgBoss, sub: SubmissionSummary): Promise<void> {
  const jobId = randomUUID();
  const [row] = await handle.db
    .update(submissions)
    .set({ jobId })
    .where(eq(submissions.id, sub.id))
    .returning({ partial: submissions.partialResult });
  // A submission that already has a result was queued again by a regrade.
  const reason: GradeJob["reason"] = (await currentResult(handle.db, sub.id)) ? "regrade" : "submit";
  const phase = row?.partial ? "expensive" : "all";
  await enqueueGrading(
    boss,
    { submissionId: sub.id, reason, student: sub.userId, assignment: sub.assignment, phase, priority: sub.priority },
    jobId,
  );
}
