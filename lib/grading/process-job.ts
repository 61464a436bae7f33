import "server-only";
import type { DbHandle } from "@/db/client";
import { insertGradingRun } from "@/db/queries/graders";
import { withCourseRoot } from "@/lib/content/course-root";
import { engineRubric } from "@/lib/content/effective-settings";
import { offeringContentDir } from "@/lib/offerings/offering-course";
import { claimSubmission, heartbeat, markFailed, recordProgress, requeueSubmission } from "@/db/queries/submissions";
import type { GraderDeps, JobLike } from "./grade-types";
import { startCpuMeter } from "./cpu-meter";
import { enginePhase, expensiveJobId, needsExpensive, recordPartial } from "./phases";
import { enqueueGrading, getQueue, gradeJobSchema, JOB_RETRY_LIMIT } from "./queue";
import { recordResult, type StoredResult } from "./record-result";
import { gradingTiming, type GradingTiming } from "./timing";

const PROGRESS_MIN_INTERVAL_MS = 250;

/** Who runs the job: the grader's registry id, its training list, and whether it measures CPU per job. */
export interface RunContext {
  graderId: string | null;
  training: readonly string[];
  /** True when this process runs one job at a time, so its children's CPU time belongs to this job. */
  measureCpu: boolean;
  /** Heartbeats that keep going while the main thread is busy (PostgreSQL; ./heartbeat-thread.ts). */
  heartbeats?: { start(submissionId: string, attempt: number): void; end(submissionId: string): void };
}

/**
 * Grades one job. Student-caused failures come back from the engine as graded results; an exception here is an
 * infrastructure failure: retried while retries remain, then stored as a visible failed submission. A cheap phase
 * that asks for the expensive one (lib/grading/phases.ts) leaves the submission queued for an expensive job.
 */
export async function processGradeJob(
  handle: DbHandle,
  job: JobLike,
  deps: GraderDeps,
  timing: GradingTiming = gradingTiming(),
  run?: RunContext,
): Promise<void> {
  const parsed = gradeJobSchema.safeParse(job.data);
  if (!parsed.success) {
    console.error(`[grader] job ${job.id}: malformed payload dropped: ${parsed.error.issues[0]?.message}`);
    return;
  }
  const { submissionId, reason } = parsed.data;
  const claimed = await claimSubmission(handle.db, submissionId, job.id);
  if (!claimed) return; // already graded, failed or superseded: a duplicate delivery
  const attempt = claimed.attempts;
  // A submission of an offering of another course package is graded from that package's folder: everything the
  // engine reads through courseRoot() inside `inCourse` is that folder (lib/content/course-root.ts).
  const courseDir = await offeringContentDir(handle.db, claimed.offering).catch((err: unknown) => err as Error);
  if (courseDir instanceof Error) {
    await markFailed(handle.db, submissionId, `The grader could not grade this submission: ${courseDir.message}`);
    return;
  }
  const inCourse = <T>(fn: () => Promise<T>): Promise<T> => (courseDir ? withCourseRoot(courseDir, fn) : fn());
  const training = courseDir
    ? ((await inCourse(async () => deps.trainingAssignments?.())) ?? [])
    : (run?.training ?? (await deps.trainingAssignments?.()) ?? []);
  const asked = enginePhase(parsed.data.phase ?? "all", {
    training: training.includes(claimed.assignment),
    splitsPhases: !!deps.splitsPhases,
    hasPartial: claimed.partialResult !== null,
  });
  const started = new Date();
  const meter = run?.measureCpu ? startCpuMeter() : null;
  let logged = false;
  const logRun = async (outcome: "graded" | "partial" | "stale" | "error") => {
    if (logged) return;
    logged = true;
    return insertGradingRun(handle.db, {
      submissionId,
      assignment: claimed.assignment,
      phase: asked,
      graderId: run?.graderId ?? null,
      outcome,
      startedAt: started,
      durationMs: Date.now() - started.getTime(),
      cpuMs: meter?.stop() ?? null,
    }).catch((err: unknown) =>
      console.error(`[grader] could not log the run of ${submissionId}: ${(err as Error).message}`),
    );
  };
  let lastProgress = 0;
  const beat = setInterval(
    () => void heartbeat(handle.db, submissionId, attempt).catch(() => undefined),
    timing.heartbeatMs,
  );
  run?.heartbeats?.start(submissionId, attempt);
  const controller = new AbortController();
  try {
    // The term's rubric points and visibility, read per job: a change applies to new gradings and regrades.
    const rubric = await inCourse(() => engineRubric(handle.db, claimed.assignment, claimed.offering));
    const result = await inCourse(() =>
      deps.grade({
        slug: claimed.assignment,
        source: claimed.source,
        seed: claimed.seed,
        signal: controller.signal,
        phase: asked,
        prior: asked === "expensive" ? (claimed.partialResult as StoredResult) : null,
        ...(rubric ? { rubric } : {}),
        onProgress: (progress) => {
          const now = Date.now();
          if (now - lastProgress < PROGRESS_MIN_INTERVAL_MS && progress.phase !== "scoring") return;
          lastProgress = now;
          void recordProgress(handle.db, submissionId, attempt, progress).catch(() => undefined);
        },
      }),
    );
    if (needsExpensive(asked, result)) {
      const jobId = expensiveJobId(submissionId, attempt);
      const kept = await recordPartial(handle.db, { submissionId, attempt, result, jobId });
      await logRun(kept ? "partial" : "stale");
      if (kept) {
        const job = {
          submissionId,
          reason,
          student: claimed.userId,
          assignment: claimed.assignment,
          phase: "expensive" as const,
          priority: claimed.priority,
        };
        await enqueueGrading(await getQueue(handle), job, jobId);
      }
      console.log(
        `[grader] ${submissionId} ${claimed.assignment} cheap phase in ${Date.now() - started.getTime()} ms; experiment ${kept ? "queued" : "dropped (stale)"}`,
      );
      return;
    }
    const outcome = await recordResult(handle.db, {
      submissionId,
      attempt,
      result,
      graderVersion: await inCourse(() => deps.graderVersion(claimed.assignment)),
      reason,
    });
    await logRun(outcome === "recorded" ? "graded" : "stale");
    console.log(
      `[grader] ${submissionId} ${claimed.assignment} attempt ${attempt}: ${outcome} score ${result.score}/${result.max_score} in ${Date.now() - started.getTime()} ms`,
    );
  } catch (err) {
    await logRun("error");
    const message = err instanceof Error ? err.message : String(err);
    const retriesLeft = (job.retryLimit ?? JOB_RETRY_LIMIT) - (job.retryCount ?? 0);
    console.error(`[grader] ${submissionId} attempt ${attempt} failed (${retriesLeft} retries left): ${message}`);
    if (retriesLeft > 0) {
      await requeueSubmission(handle.db, submissionId, attempt, "retrying after a grader error");
      throw err;
    }
    await markFailed(handle.db, submissionId, `The grader could not grade this submission: ${message}`);
  } finally {
    run?.heartbeats?.end(submissionId);
    clearInterval(beat);
    controller.abort();
  }
}
