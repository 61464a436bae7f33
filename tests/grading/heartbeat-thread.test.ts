/**
 * A grading that keeps the grader's main thread busy (trusted-side training) must not look dead: on PostgreSQL the
 * heartbeat comes from a thread of its own (lib/grading/heartbeat-thread.ts). An observer thread with its own
 * connection watches heartbeat_at while the main thread spins for longer than the stale limit.
 */
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSubmission } from "@/db/queries/submissions";
import type { Actor } from "@/lib/context";
import { enqueueGrading, getQueue, stopQueue } from "@/lib/grading/queue";
import type { StoredResult } from "@/lib/grading/record-result";
import { startGradingWorkers, type GraderDeps, type WorkerHandle } from "@/lib/grading/worker";
import { submit } from "@/lib/submissions/submit";
import { createTestDb, type TestDb } from "../support/test-db";
import { makeActors, rushContent, waitFor } from "./support/fake-engine";

const OBSERVER = `
const { parentPort, workerData } = require("node:worker_threads");
const { Client } = require("pg");
const c = new Client({ connectionString: workerData.url });
const seen = [];
c.connect().then(async () => {
  const until = Date.now() + workerData.forMs;
  while (Date.now() < until) {
    const r = await c.query("select extract(epoch from heartbeat_at) * 1000 as hb from submission where id = $1", [workerData.id]);
    seen.push({ at: Date.now(), hb: r.rows[0] && r.rows[0].hb !== null ? Number(r.rows[0].hb) : null });
    await new Promise((res) => setTimeout(res, 100));
  }
  await c.end();
  parentPort.postMessage(seen);
});
`;

describe.skipIf(!process.env.TEST_DATABASE_URL)("heartbeats while the main thread is busy (PostgreSQL)", () => {
  let t: TestDb;
  let who: Record<string, Actor>;
  let workers: WorkerHandle | null = null;
  beforeAll(async () => {
    t = await createTestDb("postgres");
    who = await makeActors(t, ["ann"]);
  });
  afterAll(async () => {
    await workers?.stop();
    await stopQueue();
    await t?.cleanup();
  });

  it("renews heartbeat_at during a 3 s busy main thread, so no sweeper takes the job away", async () => {
    const timing = { heartbeatMs: 200, staleAfterMs: 1000, lostAfterMs: 60_000, sweepMs: 60_000 };
    let blocked: { from: number; to: number } | null = null;
    const deps: GraderDeps = {
      graderVersion: async () => "busy",
      async grade() {
        await new Promise((r) => setTimeout(r, 400)); // the thread has seen the job start
        const from = Date.now();
        while (Date.now() - from < 3000) {
          // a trusted-side training step that never yields
        }
        blocked = { from, to: Date.now() };
        return { score: 1, max_score: 1, passed: true, error: null, tests: [] } satisfies StoredResult;
      },
    };
    workers = await startGradingWorkers(t.handle, deps, { concurrency: 1, pollMs: 20, timing, heartbeatUrl: t.url });
    const boss = await getQueue(t.handle);
    const sub = await submit({ ctx: { db: t.handle.db, actor: who.ann!, contentDir: rushContent, enqueue: (job, jobId) => enqueueGrading(boss, job, jobId) }, input: { assignment: "light-lab", source: "busy" } });
    const observer = new Worker(OBSERVER, { eval: true, workerData: { url: t.url, id: sub.id, forMs: 5000 } });
    const seen = await new Promise<{ at: number; hb: number | null }[]>((resolve, reject) => observer.once("message", resolve).once("error", reject));
    await waitFor("graded", async () => (await findSubmission(t.handle.db, sub.id))?.status === "graded");
    expect(blocked).not.toBeNull();
    const { from, to } = blocked!;
    // Inside the busy stretch (after the stale limit), the heartbeat seen is never older than the stale limit.
    const inside = seen.filter((s) => s.at > from + timing.staleAfterMs && s.at < to);
    expect(inside.length).toBeGreaterThan(5);
    for (const s of inside) expect(s.at - s.hb!).toBeLessThan(timing.staleAfterMs);
    expect(await findSubmission(t.handle.db, sub.id)).toMatchObject({ status: "graded", attempts: 1 });
  }, 60_000);
});
