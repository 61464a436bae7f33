import "server-only";
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import type { DbHandle } from "@/db/client";
import { storageFailure } from "@/db/config";
import {
  claimSubmission,
  currentResult,
  findOldQueued,
  findStaleRunning,
  heartbeat,
  markFailed,
  recordProgress,
  requeueSubmission,
} from "@/db/queries/submissions";
import { eq } from "drizzle-orm";
import { submissions } from "@/db/schema";
import { enqueueGrading, getQueue, GRADE_QUEUE, gradeJobSchema, JOB_RETRY_LIMIT, type GradeJob } from "./queue";
import { recordResult, type StoredResult } from "./record-result";
import { gradingTiming, type GradingTiming } from "./timing";

export interface GradeProgress {
  phase: string;
  [key: string]: unknown;
}

export type GradeFn = (args: {
  slug: string;
  source: string;
  seed: number;
  onProgress: (progress: GradeProgress) => void;
  signal: AbortSignal;
}) => Promise<StoredResult>;

export interface GraderDeps {
  grade: GradeFn;
  graderVersion(slug: string): Promise<string>;
}

const PROGRESS_MIN_INTERVAL_MS = 250;

type JobLike = { id: string; data: unknown; retryCount?: number; retryLimit?: number };

/**
 * Grades one job. Student-caused failures come back from the engine as graded results; an exception here is an
 * infrastructure failure: retried while retries remain, then stored as a visible failed submission.
 */
export async function processGradeJob(
  handle: DbHandle,
  job: JobLike,
  deps: GraderDeps,
  timing: GradingTiming = gradingTiming(),
): Promise<void> {
  const parsed = gradeJobSchema.safeParse(job.data);
  if (!parsed.success) {
    console.error(`[grader] job ${job.id}: malformed payload dropped: ${parsed.error.issues[0]?.message}`);
    return;
  }
  const { submissionId, reason } = parsed.data;
  const claimed = await claimSubmission(handle.db, submissionId, job.id);
  if (!claimed) return; // already graded or failed: a duplicate delivery
  const attempt = claimed.attempts;
  const started = Date.now();
  let lastProgress = 0;
  const beat = setInterval(() => void heartbeat(handle.db, submissionId, attempt).catch(() => undefined), timing.heartbeatMs);
  const controller = new AbortController();
  try {
    const result = await deps.grade({
      slug: claimed.assignment,
      source: claimed.source,
      seed: claimed.seed,
      signal: controller.signal,
      onProgress: (progress) => {
        const now = Date.now();
        if (now - lastProgress < PROGRESS_MIN_INTERVAL_MS && progress.phase !== "scoring") return;
        lastProgress = now;
        void recordProgress(handle.db, submissionId, attempt, progress).catch(() => undefined);
      },
    });
    const outcome = await recordResult(handle.db, {
      submissionId,
      attempt,
      result,
      graderVersion: await deps.graderVersion(claimed.assignment),
      reason,
    });
    console.log(
      `[grader] ${submissionId} ${claimed.assignment} attempt ${attempt}: ${outcome} score ${result.score}/${result.max_score} in ${Date.now() - started} ms`,
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const retriesLeft = (job.retryLimit ?? JOB_RETRY_LIMIT) - (job.retryCount ?? 0);
    console.error(`[grader] ${submissionId} attempt ${attempt} failed (${retriesLeft} retries left): ${message}`);
    if (retriesLeft > 0) {
      await requeueSubmission(handle.db, submissionId, attempt, "retrying after a grader error");
      throw err;
    }
    await markFailed(handle.db, submissionId, `The grader could not grade this submission: ${message}`);
  } finally {
    clearInterval(beat);
    controller.abort();
  }
}

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
      if (job?.state === "active") await boss.fail(GRADE_QUEUE, job.id, { message: "grader lost" }).catch(() => undefined);
      failed++;
      continue;
    }
    if (!(await requeueSubmission(handle.db, sub.id, sub.attempts, "retrying: the grader stopped responding"))) continue;
    requeued++;
    if (job && job.state === "active") await boss.fail(GRADE_QUEUE, job.id, { message: "grader stopped responding" });
    else await resend(handle, boss, sub.id);
  }
  for (const sub of await findOldQueued(handle.db, new Date(now - timing.lostAfterMs))) {
    const job = sub.jobId ? await boss.getJobById(GRADE_QUEUE, sub.jobId).catch(() => null) : null;
    if (job && ["created", "retry", "active"].includes(job.state)) continue;
    await resend(handle, boss, sub.id);
    resent++;
  }
  return { requeued, resent, failed };
}

async function resend(handle: DbHandle, boss: PgBoss, submissionId: string): Promise<void> {
  const jobId = randomUUID();
  await handle.db.update(submissions).set({ jobId }).where(eq(submissions.id, submissionId));
  // A submission that already has a result was queued again by a regrade.
  const reason: GradeJob["reason"] = (await currentResult(handle.db, submissionId)) ? "regrade" : "submit";
  await enqueueGrading(boss, { submissionId, reason }, jobId);
}

/**
 * Completes or fails the job ourselves, retrying while the database is unreachable. pg-boss 10 calls complete()/fail()
 * after the handler without awaiting them (manager.js), so an outage at that instant would lose the outcome and leave
 * the job active; once settled here, its own calls are no-ops.
 */
async function settleJob(boss: PgBoss, jobId: string, failure: unknown, timing: GradingTiming): Promise<void> {
  const giveUp = Date.now() + Math.max(timing.staleAfterMs * 2, 30_000);
  for (;;) {
    try {
      if (failure) await boss.fail(GRADE_QUEUE, jobId, { message: failure instanceof Error ? failure.message : String(failure) });
      else await boss.complete(GRADE_QUEUE, jobId);
      return;
    } catch (err) {
      const storage = storageFailure(err);
      if (!storage || Date.now() > giveUp) {
        console.error(`[grader] job ${jobId} left active for the sweeper: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
      await new Promise((r) => setTimeout(r, timing.heartbeatMs));
    }
  }
}

export interface WorkerHandle {
  stop(): Promise<void>;
}

/** Starts `concurrency` pollers on the grading queue plus the abandoned-work sweeper (timing: ./timing.ts). */
export async function startGradingWorkers(
  handle: DbHandle,
  deps: GraderDeps,
  opts: { concurrency: number; sweepMs?: number; timing?: GradingTiming },
): Promise<WorkerHandle> {
  const timing = opts.timing ?? gradingTiming();
  const boss = await getQueue(handle);
  const ids: string[] = [];
  for (let i = 0; i < opts.concurrency; i++) {
    ids.push(
      await boss.work(GRADE_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true }, async (jobs) => {
        for (const job of jobs) {
          const failure = await processGradeJob(handle, job, deps, timing).then(
            () => null,
            (err: unknown) => err ?? new Error("grading failed"),
          );
          await settleJob(boss, job.id, failure, timing);
        }
      }),
    );
  }
  const sweep = setInterval(() => {
    void sweepAbandoned(handle, boss, Date.now(), timing).catch((err) => console.error(`[grader] sweep failed: ${(err as Error).message}`));
  }, opts.sweepMs ?? timing.sweepMs);
  sweep.unref();
  return {
    async stop() {
      clearInterval(sweep);
      for (const id of ids) await boss.offWork({ id }).catch(() => undefined);
    },
  };
}
