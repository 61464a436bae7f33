import "server-only";
import type PgBoss from "pg-boss";
import type { DbHandle } from "@/db/client";
import { storageFailure } from "@/db/config";
import { fetchNextJob, type FetchPolicy } from "@/db/queries/grading-queue";
import { aliveGraders } from "@/db/queries/graders";
import type { GraderDeps } from "./grade-types";
import { registerGrader } from "./grader-registry";
import { startHeartbeatThread } from "./heartbeat-thread";
import { processGradeJob } from "./process-job";
import { getQueue, GRADE_QUEUE } from "./queue";
import { AGING } from "./schedule";
import { sweepAbandoned } from "./sweeper";
import { gradingTiming, type GradingTiming } from "./timing";

export type { GradeFn, GradeProgress, GraderDeps, JobLike } from "./grade-types";
export { processGradeJob } from "./process-job";
export { sweepAbandoned } from "./sweeper";

/** How often an idle worker looks for a job (pg-boss's own polling was 0.5 s too). */
export const POLL_MS = 500;

/**
 * Completes or fails the job ourselves, retrying while the database is unreachable, so an outage at that instant
 * cannot lose the outcome and leave the job active.
 */
async function settleJob(boss: PgBoss, jobId: string, failure: unknown, timing: GradingTiming): Promise<void> {
  const giveUp = Date.now() + Math.max(timing.staleAfterMs * 2, 30_000);
  for (;;) {
    try {
      if (failure)
        await boss.fail(GRADE_QUEUE, jobId, { message: failure instanceof Error ? failure.message : String(failure) });
      else await boss.complete(GRADE_QUEUE, jobId);
      return;
    } catch (err) {
      const storage = storageFailure(err);
      if (!storage || Date.now() > giveUp) {
        console.error(
          `[grader] job ${jobId} left active for the sweeper: ${err instanceof Error ? err.message : String(err)}`,
        );
        return;
      }
      await new Promise((r) => setTimeout(r, timing.heartbeatMs));
    }
  }
}

export interface WorkerHandle {
  /** This process's row in the grader registry. */
  graderId: string;
  stop(): Promise<void>;
}

/**
 * Starts `concurrency` workers on the grading queue plus the abandoned-work sweeper (timing: ./timing.ts). Each
 * worker takes jobs with the fair fetch (db/queries/grading-queue.ts, rules in ./schedule.ts) instead of pg-boss's
 * own fetch, grades one at a time and settles the job in pg-boss. stop() lets running jobs finish.
 */
export async function startGradingWorkers(
  handle: DbHandle,
  deps: GraderDeps,
  opts: {
    concurrency: number;
    sweepMs?: number;
    timing?: GradingTiming;
    pollMs?: number;
    aging?: FetchPolicy["aging"];
    /** PostgreSQL: heartbeats from a thread of their own, which a busy main thread cannot starve. */
    heartbeatUrl?: string;
  },
): Promise<WorkerHandle> {
  const timing = opts.timing ?? gradingTiming();
  const pollMs = opts.pollMs ?? POLL_MS;
  const boss = await getQueue(handle);
  const policy: FetchPolicy = {
    queue: GRADE_QUEUE,
    training: [],
    splitsPhases: !!deps.splitsPhases,
    aging: opts.aging ?? AGING,
  };
  const registry = await registerGrader(handle.db, {
    slots: opts.concurrency,
    training: [],
    splitsPhases: policy.splitsPhases,
    heartbeatMs: timing.heartbeatMs,
    forgetAfterMs: timing.staleAfterMs * 10,
  });
  const heartbeats = opts.heartbeatUrl
    ? startHeartbeatThread({ url: opts.heartbeatUrl, everyMs: timing.heartbeatMs, graderId: registry.id })
    : undefined;
  const run = {
    graderId: registry.id,
    training: [] as readonly string[],
    measureCpu: opts.concurrency === 1,
    heartbeats,
  };
  // Which assignments are training: what the graders alive have published (they run the same code: restart them
  // all after changing a lab's `cost` or limits), else classified here, which loads every grader module (~1.5 s of
  // CPU, in the background; until then no assignment counts as training).
  const published = (await aliveGraders(handle.db, new Date(Date.now() - timing.staleAfterMs)).catch(() => [])).filter(
    (g) => g.training.length > 0,
  );
  policy.training = [...new Set(published.flatMap((g) => g.training))];
  run.training = policy.training;
  if (published.length) void registry.setTraining([...policy.training]);
  else
    void Promise.resolve(deps.trainingAssignments?.() ?? []).then(
      async (training) => {
        policy.training = training;
        run.training = training;
        await registry.setTraining(training);
      },
      (err: unknown) =>
        console.error(
          `[grader] could not tell training assignments apart, scheduling without: ${err instanceof Error ? err.message : String(err)}`,
        ),
    );
  let stopping = false;
  const wakers = new Set<() => void>();
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.add(done);
    });
  const loop = async () => {
    let failing = false;
    while (!stopping) {
      let job;
      try {
        job = await fetchNextJob(handle.db, policy);
        failing = false;
      } catch (err) {
        if (!failing)
          console.error(
            `[grader] could not fetch a job (retrying): ${err instanceof Error ? err.message : String(err)}`,
          );
        failing = true;
        await nap(pollMs * 4);
        continue;
      }
      if (!job) {
        await nap(pollMs);
        continue;
      }
      const failure = await processGradeJob(handle, job, deps, timing, run).then(
        () => null,
        (err: unknown) => err ?? new Error("grading failed"),
      );
      await settleJob(boss, job.id, failure, timing);
    }
  };
  const loops = Array.from({ length: opts.concurrency }, () => loop());
  const sweep = setInterval(() => {
    void sweepAbandoned(handle, boss, Date.now(), timing).catch((err) =>
      console.error(`[grader] sweep failed: ${(err as Error).message}`),
    );
  }, opts.sweepMs ?? timing.sweepMs);
  sweep.unref();
  return {
    graderId: registry.id,
    async stop() {
      stopping = true;
      clearInterval(sweep);
      for (const wake of [...wakers]) wake();
      await Promise.all(loops);
      await heartbeats?.stop();
      await registry.stop();
    },
  };
}
