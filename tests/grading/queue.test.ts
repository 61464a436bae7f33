import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSubmission } from "@/db/queries/submissions";
import { gradingResults, submissions } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { enqueueGrading, getQueue, stopQueue } from "@/lib/grading/queue";
import type { StoredResult } from "@/lib/grading/record-result";
import { processGradeJob, sweepAbandoned, type GraderDeps } from "@/lib/grading/worker";
import { submit } from "@/lib/submissions/submit";
import { createUser } from "@/lib/users/create-user";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";

const contentDir = path.resolve("tests/fixtures/queue-course/content");

/** A stand-in for the engine that scores by a marker in the source, so queue mechanics can be tested alone. */
function scoringBySource(calls: string[], failFirst = 0): GraderDeps {
  let failures = 0;
  return {
    async graderVersion() {
      return "test-grader";
    },
    async grade({ source, onProgress }) {
      calls.push(source);
      onProgress({ phase: "running", check: "adds" });
      if (failures < failFirst) {
        failures++;
        throw new Error("sandbox host ran out of disk");
      }
      const score = source.includes("correct") ? 10 : 0;
      return { score, max_score: 10, passed: score === 10, backend: "cpu", error: null, tests: [] } satisfies StoredResult;
    },
  };
}

async function expectCode(p: Promise<unknown>, code: AppError["code"], pattern?: RegExp) {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  if (pattern) expect((err as AppError).message).toMatch(pattern);
}

describe.each(testDbKinds)("grading queue on %s", (kind) => {
  let t: TestDb;
  let student: Actor;
  beforeAll(async () => {
    t = await createTestDb(kind);
    await createUser(t.handle.db, { email: "prof@example.org", password: "instructor-pass-1" });
    const u = await createUser(t.handle.db, { email: "s@example.org", password: "student-pass-12" });
    student = { id: u.id, email: u.email, name: u.name, role: u.role };
  });
  afterAll(async () => {
    await stopQueue();
    await t?.cleanup();
  });

  const sent: { submissionId: string; jobId: string }[] = [];
  const ctx = (now = new Date()) => ({
    db: t.handle.db,
    actor: student,
    contentDir,
    now,
    enqueue: async (job: { submissionId: string }, jobId: string) => {
      sent.push({ submissionId: job.submissionId, jobId });
    },
  });

  it("stores a submission, grades it once, and ignores a duplicate delivery", async () => {
    const sub = await submit({ ctx: ctx(), input: { assignment: "quota-demo", source: "export const correct = 1;" } });
    expect(sub.status).toBe("queued");
    const calls: string[] = [];
    const job = { id: sub.jobId!, data: { submissionId: sub.id, reason: "submit" }, retryCount: 0, retryLimit: 3 };
    await processGradeJob(t.handle, job, scoringBySource(calls));
    await processGradeJob(t.handle, job, scoringBySource(calls));
    expect(calls).toHaveLength(1);
    const stored = await findSubmission(t.handle.db, sub.id);
    expect(stored).toMatchObject({ status: "graded", score: 10, maxScore: 10, passed: true, attempts: 1, errorKind: null });
    const results = await t.handle.db.select().from(gradingResults).where(eq(gradingResults.submissionId, sub.id));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ graderVersion: "test-grader", backend: "cpu", current: true });
  });

  it("enforces the cooldown and the daily quota with clear messages", async () => {
    const now = new Date();
    await expectCode(submit({ ctx: ctx(now), input: { assignment: "quota-demo", source: "x" } }), "rate_limited", /wait .* before submitting again/);
    const later = new Date(now.getTime() + 31_000);
    const second = await submit({ ctx: ctx(later), input: { assignment: "quota-demo", source: "still pending" } });
    expect(second.status).toBe("queued");
    // While it waits, a newer one would supersede it (tests/grading/fair-scheduling.test.ts); once a grader has
    // taken it, it counts against the quota like a graded one.
    await t.handle.db.update(submissions).set({ status: "running" }).where(eq(submissions.id, second.id));
    await expectCode(
      submit({ ctx: ctx(new Date(later.getTime() + 31_000)), input: { assignment: "quota-demo", source: "x" } }),
      "rate_limited",
      /all 2 graded submissions for today/,
    );
    await t.handle.db.update(submissions).set({ status: "queued" }).where(eq(submissions.id, second.id));
  });

  it("refuses bad input, unknown assignments, closed deadlines and anonymous callers", async () => {
    await expectCode(submit({ ctx: ctx(), input: { assignment: "quota-demo", source: "x".repeat(200 * 1024 + 1) } }), "validation", /larger than 200 KB/);
    await expectCode(submit({ ctx: ctx(), input: { assignment: "quota-demo", source: "   " } }), "validation", /empty/);
    await expectCode(submit({ ctx: ctx(), input: { assignment: "../etc", source: "x" } }), "validation");
    await expectCode(submit({ ctx: ctx(), input: { assignment: "nope", source: "x" } }), "not_found");
    await expectCode(submit({ ctx: ctx(), input: { assignment: "closed-demo", source: "x" } }), "forbidden", /deadline/);
    await expectCode(submit({ ctx: { ...ctx(), actor: null }, input: { assignment: "quota-demo", source: "x" } }), "unauthenticated");
  });

  it("retries an infrastructure failure and then grades once", async () => {
    const [row] = await t.handle.db.select().from(submissions).where(eq(submissions.source, "still pending"));
    const calls: string[] = [];
    const deps = scoringBySource(calls, 1);
    const job = { id: row!.jobId!, data: { submissionId: row!.id, reason: "submit" }, retryCount: 0, retryLimit: 3 };
    await expect(processGradeJob(t.handle, job, deps)).rejects.toThrow(/out of disk/);
    expect((await findSubmission(t.handle.db, row!.id))?.status).toBe("queued");
    await processGradeJob(t.handle, { ...job, retryCount: 1 }, deps);
    expect(await findSubmission(t.handle.db, row!.id)).toMatchObject({ status: "graded", score: 0, attempts: 2 });
  });

  it("turns a grader that fails on every attempt into a visible failed submission", async () => {
    // Today's quota is used up by the tests above: submit on a later day.
    const sub = await submit({ ctx: ctx(new Date(Date.now() + 86_400_000 * 2)), input: { assignment: "quota-demo", source: "doomed" } });
    const job = { id: sub.jobId!, data: { submissionId: sub.id, reason: "submit" }, retryCount: 3, retryLimit: 3 };
    await processGradeJob(t.handle, job, scoringBySource([], 99));
    const stored = await findSubmission(t.handle.db, sub.id);
    expect(stored?.status).toBe("failed");
    expect(stored?.failure).toMatch(/could not grade this submission: sandbox host ran out of disk/);
  });

  it("drops malformed job payloads without touching any submission", async () => {
    const calls: string[] = [];
    await processGradeJob(t.handle, { id: "x", data: { submissionId: "not-a-uuid", reason: "submit", score: 100 } }, scoringBySource(calls));
    expect(calls).toHaveLength(0);
  });

  it("hands back work a dead grader abandoned, and a late result from it is discarded", async () => {
    const boss = await getQueue(t.handle);
    const sub = await submit({ ctx: ctx(new Date(Date.now() + 86_400_000 * 3)), input: { assignment: "quota-demo", source: "correct again" } });
    await enqueueGrading(boss, { submissionId: sub.id, reason: "submit" }, sub.jobId!);
    // A grader claims it and dies: no heartbeat for longer than the stale limit.
    const [fetched] = await boss.fetch<{ submissionId: string }>("grade-submission", { batchSize: 10 });
    expect(fetched?.id).toBeDefined();
    await t.handle.db.update(submissions).set({ status: "running", attempts: 1, heartbeatAt: new Date(Date.now() - 10 * 60_000) }).where(eq(submissions.id, sub.id));
    const swept = await sweepAbandoned(t.handle, boss);
    expect(swept.requeued).toBeGreaterThanOrEqual(1);
    expect((await findSubmission(t.handle.db, sub.id))?.status).toBe("queued");
    // The retry runs on a live grader and scores it once.
    const calls: string[] = [];
    await processGradeJob(t.handle, { id: sub.jobId!, data: { submissionId: sub.id, reason: "submit" }, retryCount: 1, retryLimit: 3 }, scoringBySource(calls));
    const { recordResult } = await import("@/lib/grading/record-result");
    const late = await recordResult(t.handle.db, {
      submissionId: sub.id,
      attempt: 1,
      result: { score: 0, max_score: 10, passed: false, error: null },
      graderVersion: "dead",
      reason: "submit",
    });
    expect(late).toBe("stale");
    const results = await t.handle.db.select().from(gradingResults).where(eq(gradingResults.submissionId, sub.id));
    expect(results.map((r) => r.score)).toEqual([10]);
  });
});
