import path from "node:path";
import { eq } from "drizzle-orm";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { similarityPairs, similarityReports, submissions } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { getSimilarityPair } from "@/lib/similarity/get-pair";
import { getSimilarityReport } from "@/lib/similarity/get-report";
import { listSimilarityReports } from "@/lib/similarity/list-reports";
import { startSimilarityWorker } from "@/lib/similarity/queue";
import { requestSimilarityReport } from "@/lib/similarity/request-report";
import { runSimilarityReport } from "@/lib/similarity/run-report";
import { insertEnrolmentIfAbsent, insertOffering } from "@/db/queries/offerings";
import { at, expectAppError, insertGraded, makeUser } from "../instructor/helpers";
import { inOffering } from "../offerings/support";
import { createTestDb, type TestDb } from "../support/test-db";
import { alice, bob, carol, starterPart } from "./sources";

const contentDir = path.resolve("tests/fixtures/similarity-course/content");
const otherCourse = path.resolve("tests/fixtures/instructor-course/content");
const SLUG = "sim-demo";

let t: TestDb;
let prof: Actor;
let ta: Actor;
const students: Record<string, Actor> = {};
const finals: Record<string, string> = {};
const queued: string[] = [];

const ctxOf = (actor: Actor | null) => ({
  db: t.handle.db,
  actor,
  contentDir,
  enqueueSimilarity: async (id: string) => {
    queued.push(id);
  },
});

async function submit(actor: Actor, source: string, score: number, createdAt: string): Promise<string> {
  const id = await insertGraded(t.handle.db, { userId: actor.id, assignment: SLUG, createdAt: at(createdAt), score });
  await t.handle.db.update(submissions).set({ source }).where(eq(submissions.id, id));
  return id;
}

beforeAll(async () => {
  t = await createTestDb("pglite");
  prof = await makeUser(t.handle.db, "prof@example.org", "instructor");
  ta = await makeUser(t.handle.db, "ta@example.org", "ta");
  for (const name of ["alice", "bob", "carol"]) students[name] = await makeUser(t.handle.db, `${name}@example.org`, "student");
  // Alice's best (counted) submission is her first; her later, worse one is never compared.
  finals.alice = await submit(students.alice!, alice, 10, "2026-02-01T10:00:00Z");
  await submit(students.alice!, `${starterPart}\nexport const later = [1, 2, 3].map((x) => x * 2);\n`, 2, "2026-02-02T10:00:00Z");
  finals.bob = await submit(students.bob!, bob, 9, "2026-02-01T11:00:00Z");
  finals.carol = await submit(students.carol!, carol, 8, "2026-02-01T12:00:00Z");
  // Staff submissions (the reference, say) are not students' work: never in a report, even an exact copy.
  await submit(prof, alice, 10, "2026-02-01T09:00:00Z");
});
afterAll(async () => {
  await t?.cleanup();
});

const pairKey = (p: { leftUserId: string; rightUserId: string }) =>
  [p.leftUserId, p.rightUserId]
    .map((id) => Object.entries(students).find(([, s]) => s.id === id)![0])
    .sort()
    .join("+");

describe("similarity report", () => {
  it("lists the copied-and-renamed pair above the threshold, and not the independent ones", async () => {
    const { id } = await requestSimilarityReport({ ctx: ctxOf(prof), input: { assignment: SLUG, threshold: 0.3 } });
    expect(queued).toContain(id);
    expect((await getSimilarityReport({ ctx: ctxOf(prof), input: { id } })).report.status).toBe("queued");
    expect(await runSimilarityReport(t.handle.db, id, { contentDir })).toMatchObject({ status: "done" });

    const got = await getSimilarityReport({ ctx: ctxOf(ta), input: { id } });
    expect(got.report).toMatchObject({ status: "done", assignment: SLUG, requestedBy: "prof@example.org" });
    expect(got.report.counts).toMatchObject({ submissions: 3, starter: true });
    expect(got.report.counts!.ignoredStarter).toBeGreaterThan(0);
    expect(got.pairs.map(pairKey)).toEqual(["alice+bob"]);
    const pair = got.pairs[0]!;
    expect(pair.similarity).toBeGreaterThan(0.6);
    expect([pair.leftSubmissionId, pair.rightSubmissionId].sort()).toEqual([finals.alice, finals.bob].sort());

    const view = await getSimilarityPair({ ctx: ctxOf(ta), input: { id, pairId: pair.id } });
    expect(view.fragments.length).toBeGreaterThan(0);
    const f = view.fragments[0]!;
    expect(view.left.source.slice(f.left.start, f.left.end)).toMatch(/reduce|sub|square/);
    expect(f.left.startLine).toBeGreaterThanOrEqual(1);
    // No fragment lies within the starter (a k-gram may straddle its end, nothing more).
    for (const g of view.fragments) {
      expect(g.left.end).toBeGreaterThan(starterPart.length);
      expect(g.right.end).toBeGreaterThan(starterPart.length);
    }

    // A second run of the same job (a repeated delivery) changes nothing.
    expect(await runSimilarityReport(t.handle.db, id, { contentDir })).toEqual({ status: "skipped" });
    expect(await t.handle.db.select().from(similarityPairs).where(eq(similarityPairs.reportId, id))).toHaveLength(1);

    const list = await listSimilarityReports({ ctx: ctxOf(prof), input: { assignment: SLUG } });
    expect(list.reports.map((r) => r.id)).toContain(id);
  });

  it("at threshold 0 the independent pairs show up far below the copied one", async () => {
    const { id } = await requestSimilarityReport({ ctx: ctxOf(ta), input: { assignment: SLUG, threshold: 0 } });
    await runSimilarityReport(t.handle.db, id, { contentDir });
    const { pairs } = await getSimilarityReport({ ctx: ctxOf(prof), input: { id } });
    expect(pairs[0] && pairKey(pairs[0])).toBe("alice+bob");
    for (const p of pairs.slice(1)) expect(p.similarity).toBeLessThan(0.3);
  });

  it("refuses students (and anonymous callers) on every verb, before looking at the input", async () => {
    const s = students.carol!;
    const [report] = await t.handle.db.select().from(similarityReports).limit(1);
    const [pair] = await t.handle.db.select().from(similarityPairs).limit(1);
    const calls = (actor: Actor | null) => [
      requestSimilarityReport({ ctx: ctxOf(actor), input: { assignment: SLUG } }),
      requestSimilarityReport({ ctx: ctxOf(actor), input: { assignment: "nope", threshold: 2 } }),
      listSimilarityReports({ ctx: ctxOf(actor), input: { assignment: SLUG } }),
      getSimilarityReport({ ctx: ctxOf(actor), input: { id: report!.id } }),
      getSimilarityPair({ ctx: ctxOf(actor), input: { id: report!.id, pairId: pair!.id } }),
    ];
    const before = (await t.handle.db.select().from(similarityReports)).length;
    for (const call of calls(s)) await expectAppError(call, "forbidden", /course staff only/);
    for (const call of calls(null)) await expectAppError(call, "unauthenticated");
    expect(await t.handle.db.select().from(similarityReports)).toHaveLength(before);
  });

  it("answers bad input with 422 / 404 and creates nothing", async () => {
    const before = (await t.handle.db.select().from(similarityReports)).length;
    const bad = await expectAppError(
      requestSimilarityReport({ ctx: ctxOf(prof), input: { assignment: SLUG, threshold: 2 } }),
      "validation",
    );
    expect(bad.status).toBe(422);
    expect(bad.fields).toHaveProperty("threshold");
    const unknown = await expectAppError(
      requestSimilarityReport({ ctx: ctxOf(prof), input: { assignment: "no-such-assignment" } }),
      "not_found",
      /no-such-assignment/,
    );
    expect(unknown.status).toBe(404);
    await expectAppError(listSimilarityReports({ ctx: ctxOf(prof), input: { assignment: "no-such-assignment" } }), "not_found");
    await expectAppError(getSimilarityReport({ ctx: ctxOf(prof), input: { id: "00000000-0000-4000-8000-000000000000" } }), "not_found");
    await expectAppError(getSimilarityReport({ ctx: ctxOf(prof), input: { id: "not-a-uuid" } }), "validation");
    expect(await t.handle.db.select().from(similarityReports)).toHaveLength(before);
  });

  it("a job that fails leaves a visible failed report with a readable error", async () => {
    const { id } = await requestSimilarityReport({ ctx: ctxOf(prof), input: { assignment: SLUG } });
    // The job runs against a course where the assignment is gone.
    const out = await runSimilarityReport(t.handle.db, id, { contentDir: otherCourse });
    expect(out).toMatchObject({ status: "failed" });
    const { report, pairs } = await getSimilarityReport({ ctx: ctxOf(prof), input: { id } });
    expect(report.status).toBe("failed");
    expect(report.error).toBe("The report could not be computed: There is no assignment 'sim-demo'.");
    expect(report.finishedAt).toBeInstanceOf(Date);
    expect(pairs).toEqual([]);
  });

  it("a report that cannot be queued is failed, not left queued", async () => {
    const ctx = { ...ctxOf(prof), enqueueSimilarity: async () => Promise.reject(new Error("queue down")) };
    await expectAppError(requestSimilarityReport({ ctx, input: { assignment: SLUG } }), "unavailable");
    const [latest] = (await listSimilarityReports({ ctx: ctxOf(prof), input: { assignment: SLUG } })).reports;
    expect(latest).toMatchObject({ status: "failed", error: "The report could not be queued: queue down" });
  });

  it("is per offering: another offering's TA cannot read it, and that offering's report compares only its students", async () => {
    const db = t.handle.db;
    await insertOffering(db, { slug: "spring", title: "Spring", term: null, startsAt: null, endsAt: null });
    const springTa = await makeUser(db, "spring-ta@example.org", "student");
    await insertEnrolmentIfAbsent(db, { offering: "spring", userId: springTa.id, role: "ta", source: "roster" });
    const dave = await makeUser(db, "dave@example.org", "student");
    await insertEnrolmentIfAbsent(db, { offering: "spring", userId: dave.id, role: "student", source: "roster" });
    const taThere = await inOffering(db, springTa, "spring");
    expect(taThere).toMatchObject({ role: "ta", offering: "spring" });

    const { id } = await requestSimilarityReport({ ctx: ctxOf(prof), input: { assignment: SLUG, threshold: 0.3 } });
    await runSimilarityReport(db, id, { contentDir });
    await expectAppError(getSimilarityReport({ ctx: ctxOf(taThere), input: { id } }), "not_found");
    const pairId = (await getSimilarityReport({ ctx: ctxOf(prof), input: { id } })).pairs[0]!.id;
    await expectAppError(getSimilarityPair({ ctx: ctxOf(taThere), input: { id, pairId } }), "not_found");
    expect((await listSimilarityReports({ ctx: ctxOf(taThere), input: { assignment: SLUG } })).reports).toEqual([]);

    // Spring's report: Dave copied Alice's default-offering code, but only spring's final submissions are compared.
    await insertGraded(db, { userId: dave.id, assignment: SLUG, createdAt: at("2026-02-03T10:00:00Z"), score: 9 });
    await db.update(submissions).set({ source: alice, offering: "spring" }).where(eq(submissions.userId, dave.id));
    const spring = await requestSimilarityReport({ ctx: ctxOf(taThere), input: { assignment: SLUG, threshold: 0.3 } });
    await runSimilarityReport(db, spring.id, { contentDir });
    const got = await getSimilarityReport({ ctx: ctxOf(taThere), input: { id: spring.id } });
    expect(got.report).toMatchObject({ status: "done", offering: "spring" });
    expect(got.report.counts).toMatchObject({ submissions: 1 });
    expect(got.pairs).toEqual([]);
    await expectAppError(getSimilarityReport({ ctx: ctxOf(prof), input: { id: spring.id } }), "not_found");
  });

  it("the pg-boss worker computes a queued report (job id = report id)", async () => {
    const boss = new PgBoss({
      db: { executeSql: (text, values) => t.handle.executeSql(text, values) },
      schema: "pgboss",
      supervise: false,
      schedule: false,
    });
    await boss.start();
    try {
      await startSimilarityWorker(boss, t.handle.db, { contentDir });
      const { enqueueSimilarity } = await import("@/lib/similarity/queue");
      const ctx = { ...ctxOf(prof), enqueueSimilarity: (id: string) => enqueueSimilarity(boss, id) };
      const { id } = await requestSimilarityReport({ ctx, input: { assignment: SLUG, threshold: 0.3 } });
      await enqueueSimilarity(boss, id); // the same id again: still one job
      let status = "queued";
      for (let i = 0; i < 100 && status !== "done" && status !== "failed"; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await getSimilarityReport({ ctx: ctxOf(prof), input: { id } })).report.status;
      }
      expect(status).toBe("done");
      const { pairs } = await getSimilarityReport({ ctx: ctxOf(prof), input: { id } });
      expect(pairs.map(pairKey)).toEqual(["alice+bob"]);
    } finally {
      await boss.stop({ graceful: false, close: false, wait: true });
    }
  }, 30_000);
});
