// The hostile-submission suite (issues #11, #15): every attack in cases.ts goes through the real submit verb (or, above its size cap,
// straight into the queue), a real pg-boss worker, the engine and the bubblewrap sandbox. Each must end as a
// graded failure with a clear message, leak nothing hidden, touch nothing on the host and leave the worker able
// to grade the reference solution. A summary goes to test-reports/hostile-summary.json for SECURITY.md.
import { randomInt, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSubmission, insertSubmission, type SubmissionSummary } from "@/db/queries/submissions";
import { gradingResults } from "@/db/schema";
import type { GradeResult } from "@/graders/engine/result";
import type { Actor } from "@/lib/context";
import { createEngineDeps } from "@/lib/grading/engine-deps";
import { enqueueGrading, getQueue, stopQueue } from "@/lib/grading/queue";
import { startGradingWorkers, type WorkerHandle } from "@/lib/grading/worker";
import { getSubmission } from "@/lib/submissions/get-submission";
import { submit } from "@/lib/submissions/submit";
import { createUser } from "@/lib/users/create-user";
import { createTestDb, type TestDb } from "../support/test-db";
import { acceptedKinds, HOST_PATHS_NEVER_CREATED, HOSTILE_CASES, type HostileCase } from "./cases";
import { caseSource, createdPaths, findLeaks, hostSnapshot, leftoverSandboxes, plantSecrets } from "./support";

const CAPS = { wallSeconds: 3, cpuSeconds: 6, memoryMb: 256 };
const CASES_PER_STUDENT = 15; // below hello-tensor's daily quota of 20
const BATCH_DEADLINE_MS = 300_000;

interface Outcome {
  c: HostileCase;
  source: string;
  sub: SubmissionSummary;
  result: GradeResult | null;
  viewText: string;
  leaks: string[];
}

let t: TestDb;
let workers: WorkerHandle;
let students: Actor[] = [];
let restoreEnv: () => void = () => undefined;
const outcomes = new Map<string, Outcome>();
let hostBefore: Record<string, string> = {};
let batchSeconds = 0;

async function submitAs(student: Actor, source: string) {
  const boss = await getQueue(t.handle);
  return submit({
    // Every attack must be graded: no superseding of a student's queued ones (issue #20).
    ctx: { db: t.handle.db, actor: student, supersede: false, enqueue: (job, jobId) => enqueueGrading(boss, job, jobId) },
    input: { assignment: "hello-tensor", source },
  });
}

/** Past the verb: stores the submission and enqueues it as submit would, for sources above its size cap. */
async function enqueueDirectly(student: Actor, source: string) {
  const jobId = randomUUID();
  const sub = await insertSubmission(t.handle.db, { userId: student.id, assignment: "hello-tensor", source, seed: randomInt(1, 2 ** 31 - 1), jobId });
  await enqueueGrading(await getQueue(t.handle), { submissionId: sub.id, reason: "submit" }, jobId);
  return sub;
}

async function waitForAll(ids: string[], deadline: number): Promise<Map<string, SubmissionSummary>> {
  const done = new Map<string, SubmissionSummary>();
  while (done.size < ids.length) {
    for (const id of ids.filter((i) => !done.has(i))) {
      const sub = await findSubmission(t.handle.db, id);
      if (sub && (sub.status === "graded" || sub.status === "failed")) done.set(id, sub);
    }
    if (done.size < ids.length && Date.now() > deadline) throw new Error(`${ids.length - done.size} hostile submissions still not graded`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return done;
}

function writeSummary(): void {
  const rows = [...outcomes.values()].map((o) => {
    const points = (o.result?.score ?? 0) > 0 || o.result?.passed === true;
    const kind = o.result?.error?.kind;
    const unexpected = o.sub.status !== "graded" || (o.c.kind === null ? kind !== undefined : !acceptedKinds(o.c).includes(kind as never));
    return {
      case: o.c.name,
      status: o.sub.status,
      score: o.result?.score ?? null,
      error_kind: o.result?.error?.kind ?? null,
      message: (o.result?.error?.message ?? o.result?.tests.find((x) => x.status === "failed")?.output ?? "").slice(0, 300),
      escape: points || o.leaks.length > 0,
      leaks: o.leaks,
      unexpected_kind: unexpected && o.c.kind !== null,
    };
  });
  const after = hostSnapshot();
  const sideEffects = [
    ...Object.keys(hostBefore).filter((f) => after[f] !== hostBefore[f]).map((f) => `changed ${f}`),
    ...createdPaths(HOST_PATHS_NEVER_CREATED).map((p) => `created ${p}`),
  ];
  const summary = {
    suite: "tests/hostile/hostile-queue.test.ts",
    generated_at: new Date().toISOString(),
    path: "submit verb (or enqueueGrading above 200 KB) → pg-boss → worker → engine → bubblewrap sandbox",
    limits: CAPS,
    cases: rows.length,
    // A case that scored a point or leaked anything, plus any change on the host (none may happen).
    escapes: rows.filter((r) => r.escape).length + sideEffects.length,
    host_side_effects: sideEffects,
    duration_seconds: Math.round(batchSeconds * 10) / 10,
    results: rows,
  };
  mkdirSync("test-reports", { recursive: true });
  writeFileSync("test-reports/hostile-summary.json", `${JSON.stringify(summary, null, 2)}\n`);
}

describe("hostile submissions through the queue, the worker and the sandbox", () => {
  beforeAll(async () => {
    restoreEnv = plantSecrets();
    hostBefore = hostSnapshot();
    t = await createTestDb("pglite");
    await createUser(t.handle.db, { email: "prof@example.org", password: "instructor-pass-1" });
    const count = Math.ceil(HOSTILE_CASES.length / CASES_PER_STUDENT) + 1;
    for (let i = 0; i < count; i++) {
      const u = await createUser(t.handle.db, { email: `attacker${i}@example.org`, password: "student-pass-12" });
      students.push({ id: u.id, email: u.email, name: u.name, role: u.role });
    }
    workers = await startGradingWorkers(t.handle, createEngineDeps({ limitCaps: CAPS }), { concurrency: 2 });
  });
  afterAll(async () => {
    await workers?.stop();
    await stopQueue();
    await t?.cleanup();
    restoreEnv();
    students = [];
  });

  it("the submit verb refuses sources above 200 KB before storing them (5 MB and 50 MB)", async () => {
    for (const c of HOSTILE_CASES.filter((x) => x.direct)) {
      await expect(submitAs(students[0]!, caseSource(c))).rejects.toThrow(/larger than 200 KB/);
    }
  });

  it("grades every hostile case to a result", async () => {
    const started = Date.now();
    const pending: Array<{ c: HostileCase; source: string; id: string }> = [];
    for (const [i, c] of HOSTILE_CASES.entries()) {
      const source = caseSource(c);
      const student = students[Math.floor(i / CASES_PER_STUDENT)]!;
      const sub = c.direct ? await enqueueDirectly(student, source) : await submitAs(student, source);
      pending.push({ c, source, id: sub.id });
    }
    const done = await waitForAll(pending.map((p) => p.id), started + BATCH_DEADLINE_MS);
    batchSeconds = (Date.now() - started) / 1000;
    for (const { c, source, id } of pending) {
      const sub = done.get(id)!;
      const [row] = await t.handle.db.select().from(gradingResults).where(eq(gradingResults.submissionId, id));
      const owner = students[Math.floor(HOSTILE_CASES.indexOf(c) / CASES_PER_STUDENT)]!;
      const view = await getSubmission({ ctx: { db: t.handle.db, actor: owner }, input: { id } });
      const viewText = JSON.stringify(view);
      const stored = JSON.stringify({ row: row ?? null, sub });
      outcomes.set(c.name, { c, source, sub, result: (row?.result as GradeResult | undefined) ?? null, viewText, leaks: findLeaks(`${stored}\n${viewText}`, source) });
    }
    writeSummary();
    expect(outcomes.size).toBe(HOSTILE_CASES.length);
  }, BATCH_DEADLINE_MS + 60_000);

  it.each(HOSTILE_CASES.map((c) => [c.name, c] as const))("%s ends as a clear failed result and leaks nothing", (_name, c) => {
    const o = outcomes.get(c.name);
    expect(o, "the batch did not grade this case").toBeDefined();
    const { sub, result, leaks } = o!;
    const summary = JSON.stringify({ status: sub.status, failure: sub.failure, score: result?.score, error: result?.error });
    expect(sub.status, summary).toBe("graded");
    expect(result, summary).not.toBeNull();
    expect(result!.score, summary).toBe(0);
    expect(result!.passed, summary).toBe(false);
    if (c.kind === null) {
      expect(result!.error, summary).toBeNull();
      const scored = result!.tests.filter((x) => x.max_score > 0 && !x.output.startsWith("Skipped:"));
      expect(scored.length).toBeGreaterThan(0);
      for (const test of scored) expect(test.output, summary).toMatch(c.message);
    } else {
      const error = c.check ? result!.tests.find((x) => x.check === c.check)?.error : result!.error;
      expect(acceptedKinds(c), summary).toContain(error?.kind);
      expect(error?.message, summary).toMatch(c.message);
    }
    expect(leaks).toEqual([]);
  });

  it("no host path in any stack (the environment and descriptors are proven with host access in walls.test.ts)", () => {
    expect(outcomes.get("prepare-stack-trace")?.result?.error?.message).not.toContain(process.cwd());
  });

  it("left the host untouched", () => {
    expect(hostSnapshot()).toEqual(hostBefore);
    expect(createdPaths(HOST_PATHS_NEVER_CREATED)).toEqual([]);
    expect(readFileSync("content/assignments/hello-tensor/hidden/checks.ts", "utf8")).toContain("unlabeled-hidden-hello-tensor-checks");
  });

  it("the worker is alive afterwards: it grades the reference solution to full marks, and no sandbox is left", async () => {
    const solution = readFileSync("content/assignments/hello-tensor/hidden/solution.ts", "utf8");
    const sub = await submitAs(students.at(-1)!, solution);
    const [done] = [...(await waitForAll([sub.id], Date.now() + 60_000)).values()];
    expect(done).toMatchObject({ status: "graded", score: 10, maxScore: 10, passed: true, errorKind: null });
    expect(leftoverSandboxes()).toEqual([]);
  }, 90_000);
});
