import "server-only";
import type { DbHandle } from "@/db/client";
import { databaseTarget } from "@/db/config";
import { engineDeps } from "./engine-deps";
import { startGradingWorkers, type WorkerHandle } from "./worker";

/** Grader processes per machine: one per core pays best for small TF.js models (docs/benchmarks.md). */
export function graderConcurrency(env: Record<string, string | undefined> = process.env, fallback = 1): number {
  const n = Number(env.GRADER_CONCURRENCY ?? fallback);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new Error(`GRADER_CONCURRENCY must be an integer from 1 to 64, not '${env.GRADER_CONCURRENCY}'`);
  return n;
}

/** Starts the queue workers on this process with the real engine. */
export async function startEngineWorkers(handle: DbHandle, concurrency: number): Promise<WorkerHandle> {
  const target = databaseTarget();
  const heartbeatUrl = handle.kind === "postgres" && target.kind === "postgres" ? target.url : undefined;
  const workers = await startGradingWorkers(handle, engineDeps, { concurrency, heartbeatUrl });
  console.log(`[grader] ${concurrency} worker(s) polling the grading queue on ${handle.description}`);
  return workers;
}
