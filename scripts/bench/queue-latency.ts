/**
 * Submit → result latency of hello-tensor through the real queue, worker, engine and sandbox, on an in-memory
 * PGlite database: submissions are sent one after another, each timed from `submit` until its result is stored.
 */
import fs from "node:fs";
import { openDb } from "../../db/client";
import { findSubmission } from "../../db/queries/submissions";
import { createEngineDeps } from "../../lib/grading/engine-deps";
import { enqueueGrading, getQueue, stopQueue } from "../../lib/grading/queue";
import { startGradingWorkers } from "../../lib/grading/worker";
import { submit } from "../../lib/submissions/submit";
import { createUser } from "../../lib/users/create-user";

export interface LatencySummary {
  n: number;
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
  scores: number[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export async function measureQueueLatency(n: number): Promise<LatencySummary> {
  const handle = await openDb({ kind: "pglite", dir: "memory://" });
  // One student per submission, so the daily quota never stops the benchmark (accounts are made before timing).
  const actors = [];
  for (let i = 0; i < n; i++) {
    const user = await createUser(handle.db, { email: `bench-${i}@example.org`, password: "queue-latency-probe" });
    actors.push({ id: user.id, email: user.email, name: user.name, role: user.role });
  }
  const boss = await getQueue(handle);
  const workers = await startGradingWorkers(handle, createEngineDeps(), { concurrency: 1 });
  const source = fs.readFileSync("content/assignments/hello-tensor/hidden/solution.ts", "utf8");
  const latencies: number[] = [];
  const scores: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const started = performance.now();
      const sub = await submit({ ctx: { db: handle.db, actor: actors[i]!, enqueue: (job, id) => enqueueGrading(boss, job, id) }, input: { assignment: "hello-tensor", source } });
      for (;;) {
        const row = await findSubmission(handle.db, sub.id);
        if (row?.status === "graded" || row?.status === "failed") {
          scores.push(row.score ?? NaN);
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      latencies.push(performance.now() - started);
    }
  } finally {
    await workers.stop();
    await stopQueue();
    await handle.close();
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    n,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    meanMs: latencies.reduce((a, b) => a + b, 0) / n,
    scores,
  };
}
