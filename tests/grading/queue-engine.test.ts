import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradingResults } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { createEngineDeps } from "@/lib/grading/engine-deps";
import { enqueueGrading, getQueue, stopQueue } from "@/lib/grading/queue";
import { startGradingWorkers, type WorkerHandle } from "@/lib/grading/worker";
import { getSubmission } from "@/lib/submissions/get-submission";
import { submit } from "@/lib/submissions/submit";
import { createUser } from "@/lib/users/create-user";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";
import { waitForDone } from "./support/wait-for-done";

const solution = fs.readFileSync("content/assignments/hello-tensor/hidden/solution.ts", "utf8");
const wrong = solution.replace("tf.add(a, b)", "tf.sub(a, b)");
const infiniteLoop = `import * as tf from "@tensorflow/tfjs";\nwhile (true) {}\nexport function addTensors(a: tf.Tensor, b: tf.Tensor) { return a; }\n`;

// End to end through the real queue, worker, engine and bubblewrap sandbox.
describe.each(testDbKinds)("hello-tensor through the queue on %s", (kind) => {
  let t: TestDb;
  let student: Actor;
  let workers: WorkerHandle;
  beforeAll(async () => {
    t = await createTestDb(kind);
    await createUser(t.handle.db, { email: "prof@example.org", password: "instructor-pass-1" });
    const u = await createUser(t.handle.db, { email: "s@example.org", password: "student-pass-12" });
    student = { id: u.id, email: u.email, name: u.name, role: u.role };
    workers = await startGradingWorkers(t.handle, createEngineDeps({ limitCaps: { wallSeconds: 4, cpuSeconds: 8 } }), { concurrency: 1 });
  });
  afterAll(async () => {
    await workers?.stop();
    await stopQueue();
    await t?.cleanup();
  });

  const submitSource = async (source: string) => {
    const boss = await getQueue(t.handle);
    return submit({
      // Three at once from one student, each to be graded: no superseding here (tests/grading/fair-scheduling.test.ts).
      ctx: { db: t.handle.db, actor: student, supersede: false, enqueue: (job, jobId) => enqueueGrading(boss, job, jobId) },
      input: { assignment: "hello-tensor", source },
    });
  };

  it("grades a correct, a wrong and a hanging submission, and keeps serving after the hang", async () => {
    const hang = await submitSource(infiniteLoop);
    const right = await submitSource(solution);
    const bad = await submitSource(wrong);
    const [h, r, b] = [await waitForDone(t, hang.id), await waitForDone(t, right.id), await waitForDone(t, bad.id)];
    expect(h).toMatchObject({ status: "graded", errorKind: "timeout", score: 0 });
    expect(r).toMatchObject({ status: "graded", score: 10, maxScore: 10, passed: true, errorKind: null });
    expect(b).toMatchObject({ status: "graded", passed: false, errorKind: null });
    expect(b.score).toBeLessThan(7);
    for (const id of [hang.id, right.id, bad.id]) {
      expect(await t.handle.db.select().from(gradingResults).where(eq(gradingResults.submissionId, id))).toHaveLength(1);
    }
  }, 120_000);

  it("shows the student the result with hidden checks anonymised and after-due-date checks withheld", async () => {
    const [row] = await t.handle.db.select().from(gradingResults).where(eq(gradingResults.score, 10));
    const view = await getSubmission({ ctx: { db: t.handle.db, actor: student }, input: { id: row!.submissionId } });
    const text = JSON.stringify(view.result);
    expect(text).not.toContain("random-inputs");
    expect(text).not.toContain("no-leaks");
    expect(text).toContain("Hidden check 1");
    expect(text).not.toMatch(/unlabeled-hidden-/);
    const full = row!.result as { tests: { check: string }[]; grader_version: string; backend: string };
    expect(full.tests.map((x) => x.check)).toContain("random-inputs");
    expect(row!.graderVersion).toBe(full.grader_version);
    expect(row!.backend).toBe("wasm");
  });
});
