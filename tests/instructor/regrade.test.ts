import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, gradingResults, submissions } from "@/db/schema";
import type { Actor } from "@/lib/context";
import type { StoredResult } from "@/lib/grading/record-result";
import { processGradeJob, type GraderDeps } from "@/lib/grading/worker";
import { exportGrades } from "@/lib/grades/export-grades";
import { getRegrade } from "@/lib/regrade/get-regrade";
import { startRegrade } from "@/lib/regrade/start-regrade";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";
import { at, contentDir, expectAppError, makeUser } from "./helpers";
import { parseCsv } from "@/lib/grades/csv";

/** A grader whose scoring changes between versions: v1 gives 4 to everything, v2 scores by a marker in the source. */
function grader(version: "v1" | "v2"): GraderDeps {
  return {
    async graderVersion() {
      return version;
    },
    async grade({ source }) {
      const score = version === "v1" ? 4 : source.includes("good") ? 10 : 2;
      return { score, max_score: 10, passed: score >= 6, backend: "cpu", error: null, tests: [], grader_version: version } satisfies StoredResult;
    },
  };
}

describe.each(testDbKinds)("regrading on %s", (kind) => {
  let t: TestDb;
  let prof: Actor;
  let ids: string[] = [];
  const sent: { submissionId: string; reason: string; jobId: string }[] = [];
  const ctx = () => ({
    db: t.handle.db,
    actor: prof,
    contentDir,
    enqueue: async (job: { submissionId: string; reason: "regrade" }, jobId: string) => void sent.push({ ...job, jobId }),
  });
  const run = async (id: string, jobId: string, deps: GraderDeps, reason: "submit" | "regrade") =>
    processGradeJob(t.handle, { id: jobId, data: { submissionId: id, reason }, retryCount: 0, retryLimit: 3 }, deps);

  beforeAll(async () => {
    t = await createTestDb(kind);
    prof = await makeUser(t.handle.db, "prof@example.org", "instructor");
    const s1 = await makeUser(t.handle.db, "s1@example.org");
    const s2 = await makeUser(t.handle.db, "s2@example.org");
    const rows = await t.handle.db
      .insert(submissions)
      .values([
        { userId: s1.id, assignment: "late-demo", source: "good", seed: 1, jobId: crypto.randomUUID(), createdAt: at("2026-02-01T00:00:00Z") },
        { userId: s2.id, assignment: "late-demo", source: "meh", seed: 2, jobId: crypto.randomUUID(), createdAt: at("2026-02-01T01:00:00Z") },
        { userId: s2.id, assignment: "lb-mse", source: "good", seed: 3, jobId: crypto.randomUUID(), createdAt: at("2026-02-01T02:00:00Z") },
      ])
      .returning({ id: submissions.id, jobId: submissions.jobId });
    for (const r of rows) await run(r.id, r.jobId!, grader("v1"), "submit");
    ids = rows.map((r) => r.id);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("requeues every graded submission of the assignment with fresh job ids and records a batch", async () => {
    const batch = await startRegrade({ ctx: ctx(), input: { assignment: "late-demo" } });
    expect(batch).toMatchObject({ assignment: "late-demo", total: 2 });
    expect(sent.map((s) => s.submissionId).sort()).toEqual([ids[0], ids[1]].sort());
    expect(sent.every((s) => s.reason === "regrade")).toBe(true);
    const subs = await t.handle.db.select().from(submissions).where(eq(submissions.assignment, "late-demo"));
    for (const s of subs) {
      expect(s.status).toBe("queued");
      expect(sent.find((x) => x.submissionId === s.id)?.jobId).toBe(s.jobId);
    }
    // The other assignment is untouched.
    const [other] = await t.handle.db.select().from(submissions).where(eq(submissions.id, ids[2]!));
    expect(other!.status).toBe("graded");
    const progress = await getRegrade({ ctx: ctx(), input: { id: batch.batchId } });
    expect(progress).toMatchObject({ total: 2, done: 0, finished: false });
    // Grades keep the current (old) result while the regrade runs.
    const csv = parseCsv((await exportGrades({ ctx: ctx(), input: { assignment: "late-demo" } })).body);
    expect(csv.slice(1).map((r) => r[3])).toEqual(["4", "4"]);
    const audit = await t.handle.db.select().from(auditLog).where(eq(auditLog.action, "regrade.start"));
    expect(audit[0]).toMatchObject({ actorId: prof.id, assignment: "late-demo", details: { batchId: batch.batchId, total: 2 } });
  });

  it("refuses to regrade a submission that is already queued, and an unknown assignment", async () => {
    await expectAppError(startRegrade({ ctx: ctx(), input: { submissionId: ids[0] } }), "conflict", /cannot be regraded now/);
    await expectAppError(startRegrade({ ctx: ctx(), input: { assignment: "nope" } }), "not_found");
    await expectAppError(startRegrade({ ctx: ctx(), input: { assignment: "late-demo", submissionId: ids[0] } }), "validation");
  });

  it("keeps the old result as history and stores the new one with its grader version and reason", async () => {
    const batchId = (await t.handle.db.select().from(auditLog).where(eq(auditLog.action, "regrade.start")))[0]!.details as { batchId: string };
    for (const s of sent) await run(s.submissionId, s.jobId, grader("v2"), "regrade");
    const history = await t.handle.db.select().from(gradingResults).where(eq(gradingResults.submissionId, ids[0]!)).orderBy(gradingResults.createdAt);
    expect(history.map((h) => [h.score, h.graderVersion, h.reason, h.current])).toEqual([
      [4, "v1", "submit", false],
      [10, "v2", "regrade", true],
    ]);
    const progress = await getRegrade({ ctx: ctx(), input: { id: batchId.batchId } });
    expect(progress).toMatchObject({ total: 2, done: 2, failed: 0, changed: 2, finished: true });
    expect(progress.items.map((i) => [i.previousScore, i.newScore, i.previousGraderVersion, i.graderVersion]).sort()).toEqual(
      [
        [4, 10, "v1", "v2"],
        [4, 2, "v1", "v2"],
      ].sort(),
    );
    const csv = parseCsv((await exportGrades({ ctx: ctx(), input: { assignment: "late-demo" } })).body);
    expect(csv.slice(1).map((r) => [r[0], r[3]])).toEqual([
      ["s1@example.org", "10"],
      ["s2@example.org", "2"],
    ]);
  });

  it("regrades a single submission, and a duplicate delivery of its job grades it once", async () => {
    sent.length = 0;
    const batch = await startRegrade({ ctx: ctx(), input: { submissionId: ids[2] } });
    expect(batch).toMatchObject({ assignment: "lb-mse", total: 1 });
    expect(sent).toHaveLength(1);
    await run(ids[2]!, sent[0]!.jobId, grader("v2"), "regrade");
    await run(ids[2]!, sent[0]!.jobId, grader("v2"), "regrade");
    const history = await t.handle.db.select().from(gradingResults).where(eq(gradingResults.submissionId, ids[2]!));
    expect(history).toHaveLength(2);
    expect(history.filter((h) => h.current)).toHaveLength(1);
    expect(await getRegrade({ ctx: ctx(), input: { id: batch.batchId } })).toMatchObject({ done: 1, changed: 1, finished: true });
  });
});
