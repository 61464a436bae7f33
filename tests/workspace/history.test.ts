import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadlineExtensions, gradingResults, quotaOverrides, submissions } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { getQuotaStatus } from "@/lib/submissions/history-quota";
import { getSubmissionSource } from "@/lib/submissions/history-source";
import { listAssignmentGrades } from "@/lib/submissions/list-assignment-grades";
import { listSubmissionHistory } from "@/lib/submissions/list-submission-history";
import { createUser } from "@/lib/users/create-user";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";

const contentDir = path.resolve("tests/workspace/fixtures/content");
const NOW = new Date("2026-03-10T12:00:00Z");

type T = { check: string; visibility: "visible" | "hidden" | "after_due_date"; score: number; max_score: number };
const tests = (shown: number, secret: number, later: number): T[] => [
  { check: "shown", visibility: "visible", score: shown, max_score: 6 },
  { check: "secret", visibility: "hidden", score: secret, max_score: 2 },
  { check: "later", visibility: "after_due_date", score: later, max_score: 2 },
];

describe.each(testDbKinds)("submission history on %s", (kind) => {
  let t: TestDb;
  let prof: Actor;
  let alice: Actor;
  let bob: Actor;

  async function graded(user: Actor, assignment: string, createdAt: Date, parts: T[] | null, source = "export const x = 1;") {
    const score = parts ? parts.reduce((s, p) => s + p.score, 0) : null;
    const [row] = await t.handle.db
      .insert(submissions)
      .values({ userId: user.id, assignment, source, seed: 1, status: parts ? "graded" : "queued", score, maxScore: parts ? 10 : null, passed: parts ? score! >= 5 : null, createdAt })
      .returning({ id: submissions.id });
    if (parts) {
      const result = { assignment, score, max_score: 10, passed: score! >= 5, tests: parts.map((p) => ({ ...p, name: p.check, status: p.score === p.max_score ? "passed" : "failed", output: "", artifacts: [] })) };
      await t.handle.db.insert(gradingResults).values({ submissionId: row!.id, graderVersion: "test", score: score!, maxScore: 10, passed: score! >= 5, result });
    }
    return row!.id;
  }

  beforeAll(async () => {
    t = await createTestDb(kind);
    const toActor = (u: { id: string; email: string; name: string | null; role: Actor["role"] }): Actor => ({ id: u.id, email: u.email, name: u.name, role: u.role });
    prof = toActor(await createUser(t.handle.db, { email: "prof@example.org", password: "instructor-pass-1" }));
    alice = toActor(await createUser(t.handle.db, { email: "alice@example.org", password: "student-pass-12" }));
    bob = toActor(await createUser(t.handle.db, { email: "bob@example.org", password: "student-pass-34" }));
  });
  afterAll(async () => t?.cleanup());

  const ctx = (actor: Actor | null) => ({ db: t.handle.db, actor, contentDir, now: NOW });

  it("withholds after-due-date points before the due date and counts hidden checks by score only", async () => {
    await graded(alice, "open-demo", new Date("2026-03-10T09:00:00Z"), tests(3, 0, 2));
    await graded(alice, "open-demo", new Date("2026-03-10T10:00:00Z"), tests(6, 2, 0));
    await graded(alice, "open-demo", new Date("2026-03-10T11:59:30Z"), null);
    await graded(bob, "open-demo", new Date("2026-03-10T11:00:00Z"), tests(6, 2, 2));
    const h = await listSubmissionHistory({ ctx: ctx(alice), input: { assignment: "open-demo" } });
    expect(h.items.map((i) => i.status)).toEqual(["queued", "graded", "graded"]);
    expect(h.items[1]).toMatchObject({ score: 8, maxScore: 8, pendingPoints: 2, penalty: 0, finalScore: 8, passed: true });
    // 3 + 0 visible; the 2 after-due-date points are neither added nor revealed.
    expect(h.items[2]).toMatchObject({ score: 3, maxScore: 8, finalScore: 3, passed: false });
    expect(h.items[0]).toMatchObject({ score: null, finalScore: null, passed: null });
    expect(JSON.stringify(h)).not.toContain("secret");
  });

  it("applies the late penalty after the grace period, and an extension removes it", async () => {
    // Due 2020-01-01T00:00Z, 30 minutes' grace, 10% a day up to 50%.
    await graded(bob, "late-demo", new Date("2020-01-01T00:20:00Z"), tests(6, 2, 2));
    await graded(bob, "late-demo", new Date("2020-01-02T12:00:00Z"), tests(6, 2, 2));
    await graded(bob, "late-demo", new Date("2020-03-01T00:00:00Z"), tests(6, 2, 2));
    let h = await listSubmissionHistory({ ctx: ctx(bob), input: { assignment: "late-demo" } });
    expect(h.items.map((i) => [i.daysLate, i.penalty, i.score, i.finalScore])).toEqual([
      [60, 0.5, 10, 5],
      [2, 0.2, 10, 8],
      [0, 0, 10, 10],
    ]);
    let grades = await listAssignmentGrades({ ctx: ctx(bob) });
    expect(grades.find((g) => g.slug === "late-demo")).toMatchObject({ submissions: 3, passed: true, best: { finalScore: 10, penalty: 0 } });

    await t.handle.db.insert(deadlineExtensions).values({ userId: bob.id, assignment: "late-demo", until: new Date("2020-01-03T00:00:00Z"), reason: "illness", grantedBy: prof.id });
    h = await listSubmissionHistory({ ctx: ctx(bob), input: { assignment: "late-demo" } });
    expect(h.items.map((i) => i.penalty)).toEqual([0.5, 0, 0]);
    expect(h.quota.deadline).toBe("2020-01-03T00:00:00.000Z");
    grades = await listAssignmentGrades({ ctx: ctx(bob) });
    expect(grades.find((g) => g.slug === "late-demo")?.deadline).toBe("2020-01-03T00:00:00.000Z");
  });

  it("gives the best visible score per assignment after penalties, and nothing for untouched ones", async () => {
    await graded(alice, "late-demo", new Date("2020-01-07T00:00:00Z"), tests(6, 2, 2)); // 6 days late: -50% → 5
    await graded(alice, "late-demo", new Date("2020-01-02T00:00:00Z"), tests(4, 2, 0)); // 1 day late: 6 → 5.4
    const grades = await listAssignmentGrades({ ctx: ctx(alice) });
    const late = grades.find((g) => g.slug === "late-demo")!;
    expect(late.best).toMatchObject({ finalScore: 5.4, score: 6, penalty: 0.1, daysLate: 1 });
    expect(late.passed).toBe(true);
    const open = grades.find((g) => g.slug === "open-demo")!;
    expect(open.best?.finalScore).toBe(8);
    expect(open.passed).toBe(true); // 8 ≥ 0.7 × 10
    const fresh = await createUser(t.handle.db, { email: "carol@example.org", password: "student-pass-56" });
    const none = await listAssignmentGrades({ ctx: ctx({ id: fresh.id, email: fresh.email, name: null, role: "student" }) });
    expect(none.every((g) => g.best === null && !g.passed && g.submissions === 0)).toBe(true);
  });

  it("reports the quota as submit counts it, with cooldown and per-student overrides", async () => {
    const q = await getQuotaStatus({ ctx: ctx(alice), input: { assignment: "open-demo" } });
    // Three submissions today; graded ones without an error and pending ones count.
    expect(q).toMatchObject({ daily: 3, used: 3, remaining: 0, cooldownSeconds: 60, resetsAt: "2026-03-11T00:00:00.000Z", closed: false });
    expect(q.nextSubmissionAt).toBe("2026-03-10T12:00:30.000Z");
    await t.handle.db.insert(quotaOverrides).values({ userId: alice.id, assignment: "open-demo", daily: 10, cooldownSeconds: 0, reason: "lab", grantedBy: prof.id });
    const more = await getQuotaStatus({ ctx: ctx(alice), input: { assignment: "open-demo" } });
    expect(more).toMatchObject({ daily: 10, remaining: 7, cooldownSeconds: 0, nextSubmissionAt: null });
    const late = await getQuotaStatus({ ctx: ctx(alice), input: { assignment: "late-demo" } });
    expect(late).toMatchObject({ closed: false, latePolicy: { penalty_per_day: 0.1 } });
  });

  it("shows a submission's code to its owner and instructors only", async () => {
    const id = await graded(alice, "open-demo", new Date("2026-03-09T08:00:00Z"), tests(6, 2, 2), "export const mine = 42;");
    expect(await getSubmissionSource({ ctx: ctx(alice), input: { id } })).toMatchObject({ id, assignment: "open-demo", source: "export const mine = 42;" });
    expect((await getSubmissionSource({ ctx: ctx(prof), input: { id } })).source).toContain("mine");
    const denied = await getSubmissionSource({ ctx: ctx(bob), input: { id } }).catch((e: unknown) => e);
    expect((denied as AppError).code).toBe("not_found");
    const anonymous = await getSubmissionSource({ ctx: ctx(null), input: { id } }).catch((e: unknown) => e);
    expect((anonymous as AppError).code).toBe("unauthenticated");
    const bad = await getSubmissionSource({ ctx: ctx(alice), input: { id: "not-a-uuid" } }).catch((e: unknown) => e);
    expect((bad as AppError).code).toBe("validation");
  });

  it("refuses unknown assignments and anonymous callers", async () => {
    for (const call of [
      () => listSubmissionHistory({ ctx: ctx(alice), input: { assignment: "nope" } }),
      () => getQuotaStatus({ ctx: ctx(alice), input: { assignment: "nope" } }),
    ]) {
      expect(((await call().catch((e: unknown) => e)) as AppError).code).toBe("not_found");
    }
    expect(((await listSubmissionHistory({ ctx: ctx(null), input: { assignment: "open-demo" } }).catch((e: unknown) => e)) as AppError).code).toBe("unauthenticated");
    expect(((await listAssignmentGrades({ ctx: ctx(null) }).catch((e: unknown) => e)) as AppError).code).toBe("unauthenticated");
  });
});
