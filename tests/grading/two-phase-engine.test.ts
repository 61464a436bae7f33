// Two-phase grading through the real queue, worker and engine (issue #20): a training lab's quick checks run as a
// cheap job, the experiment as an expensive job queued after it, and the stored result is complete and final.
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSubmission } from "@/db/queries/submissions";
import { gradingResults } from "@/db/schema";
import { createEngineDeps } from "@/lib/grading/engine-deps";
import { enqueueGrading, getQueue, stopQueue } from "@/lib/grading/queue";
import { startGradingWorkers, type WorkerHandle } from "@/lib/grading/worker";
import { submit } from "@/lib/submissions/submit";
import { createUser } from "@/lib/users/create-user";
import { createTestDb, type TestDb } from "../support/test-db";

const solution = fs.readFileSync("content/assignments/causal-attention/hidden/solution.ts", "utf8");

describe("a training lab graded in two phases through the queue", { timeout: 240_000 }, () => {
  let t: TestDb;
  let workers: WorkerHandle;
  beforeAll(async () => {
    t = await createTestDb("pglite");
    workers = await startGradingWorkers(t.handle, createEngineDeps(), { concurrency: 1 });
  });
  afterAll(async () => {
    await workers?.stop();
    await stopQueue();
    await t?.cleanup();
  });

  it("stores one complete result: the cheap phase's checks and the experiment's, passed", async () => {
    await createUser(t.handle.db, { email: "prof@example.org", password: "instructor-pass-1" });
    const u = await createUser(t.handle.db, { email: "s@example.org", password: "student-pass-12" });
    const boss = await getQueue(t.handle);
    const sub = await submit({
      ctx: { db: t.handle.db, actor: { id: u.id, email: u.email, name: u.name, role: u.role }, enqueue: (job, jobId) => enqueueGrading(boss, job, jobId) },
      input: { assignment: "causal-attention", source: solution },
    });
    let done = await findSubmission(t.handle.db, sub.id);
    for (const started = Date.now(); done?.status !== "graded" && Date.now() - started < 200_000; ) {
      await new Promise((r) => setTimeout(r, 500));
      done = await findSubmission(t.handle.db, sub.id);
    }
    expect(done).toMatchObject({ status: "graded", score: 12, maxScore: 12, passed: true });
    const rows = await t.handle.db.select().from(gradingResults).where(eq(gradingResults.submissionId, sub.id));
    const result = rows.at(-1)!.result as { pending_expensive?: boolean; tests: Array<{ check: string; status: string; output: string }> };
    expect(result.pending_expensive).toBeUndefined();
    expect(result.tests.find((x) => x.check === "trains")).toMatchObject({ status: "passed" });
    expect(result.tests.every((x) => !x.output.startsWith("Waiting for its turn"))).toBe(true);
  });
});
