import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { upsertAssignmentSettings } from "@/db/queries/assignment-settings";
import { upsertExtension, upsertQuotaOverride } from "@/db/queries/instructor-overrides";
import { assignmentSettings, deadlineExtensions, quotaOverrides, submissions } from "@/db/schema";
import { effectiveSettings, engineRubric } from "@/lib/content/effective-settings";
import { applySettings } from "@/lib/content/settings-schema";
import type { Actor } from "@/lib/context";
import { parseCsv } from "@/lib/grades/csv";
import { exportGrades } from "@/lib/grades/export-grades";
import type { StoredResult } from "@/lib/grading/record-result";
import { processGradeJob, type GraderDeps } from "@/lib/grading/worker";
import { getSubmission } from "@/lib/submissions/get-submission";
import { getQuotaStatus } from "@/lib/submissions/history-quota";
import { listSubmissionHistory } from "@/lib/submissions/list-submission-history";
import { submit } from "@/lib/submissions/submit";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";
import { at, expectAppError, makeUser } from "./helpers";
import { insertTermDemo, settingsContent, termDemoTests } from "./settings-helpers";

describe.each(testDbKinds)("effective term settings on %s", (kind) => {
  let t: TestDb;
  let prof: Actor;
  let ann: Actor;
  let ben: Actor;
  const override = (overrides: Record<string, unknown>) =>
    upsertAssignmentSettings(t.handle.db, { assignment: "term-demo", overrides, updatedBy: prof.id });
  const ctx = (actor: Actor, now: Date) => ({
    db: t.handle.db,
    actor,
    contentDir: settingsContent,
    now,
    enqueue: async () => undefined,
    freshQueue: true,
    supersede: false,
  });
  const send = (actor: Actor, now: Date) =>
    submit({ ctx: ctx(actor, now), input: { assignment: "term-demo", source: "export const x = 1;" } });

  beforeAll(async () => {
    t = await createTestDb(kind);
    prof = await makeUser(t.handle.db, "prof@example.org", "instructor");
    ann = await makeUser(t.handle.db, "ann@example.org");
    ben = await makeUser(t.handle.db, "ben@example.org");
  });
  beforeEach(async () => {
    for (const table of [assignmentSettings, submissions, deadlineExtensions, quotaOverrides])
      await t.handle.db.delete(table);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("layers the override over assignment.yaml and returns defaults, overrides and effective values", async () => {
    const none = await effectiveSettings(t.handle.db, "term-demo", { contentDir: settingsContent });
    expect(none.overrides).toEqual({});
    expect(none.effective).toEqual(none.defaults);
    await override({
      due: "2026-03-05T00:00:00+02:00",
      cooldown_seconds: 0,
      late_policy: { penalty_per_day: 0.1, max_penalty: 0.3, grace_minutes: 0 },
      rubric: { final: { points: 5, visibility: "visible" }, gone: { points: 9 } },
    });
    const s = await effectiveSettings(t.handle.db, "term-demo", { contentDir: settingsContent });
    expect(s.defaults.due).toEqual(at("2026-03-01T00:00:00Z"));
    expect(s.defaults.quota).toEqual({ daily: 2, cooldown_seconds: 60 });
    expect(s.effective.due).toEqual(at("2026-03-04T22:00:00Z"));
    expect(s.effective.quota).toEqual({ daily: 2, cooldown_seconds: 0 });
    expect(s.effective.late_policy).toEqual({ penalty_per_day: 0.1, max_penalty: 0.3, grace_minutes: 0 });
    expect(s.effective.rubric.find((r) => r.check === "final")).toMatchObject({ points: 5, visibility: "visible" });
    expect(s.effective.points).toBe(12);
    // A check the file no longer has is reported, and never reaches the engine.
    expect(s.stale).toEqual(["gone"]);
    expect(applySettings(s.effective, s.overrides)).toEqual(s.effective);
    await override({ late_policy: null });
    const closed = await effectiveSettings(t.handle.db, "term-demo", { contentDir: settingsContent });
    expect(closed.effective.late_policy).toBeNull();
    await expectAppError(effectiveSettings(t.handle.db, "nope", { contentDir: settingsContent }), "not_found");
  });

  it("submit honours an overridden due date, with a student's extension still on top", async () => {
    const late = at("2026-03-03T00:00:00Z");
    await expectAppError(send(ann, late), "forbidden", /deadline \(2026-03-01T00:00:00.000Z\) has passed/);
    await override({ due: "2026-03-04T00:00:00Z" });
    await expect(send(ann, late)).resolves.toMatchObject({ assignment: "term-demo" });
    await override({ due: "2026-03-02T00:00:00Z" });
    await expectAppError(send(ben, late), "forbidden", /2026-03-02T00:00:00.000Z/);
    await upsertExtension(t.handle.db, {
      userId: ben.id,
      assignment: "term-demo",
      until: at("2026-03-06T00:00:00Z"),
      reason: "ill",
      grantedBy: prof.id,
    });
    await expect(send(ben, late)).resolves.toMatchObject({ assignment: "term-demo" });
    // An extension earlier than the moved due date never shortens it.
    await override({ due: "2026-03-10T00:00:00Z" });
    expect((await getQuotaStatus({ ctx: ctx(ben, late), input: { assignment: "term-demo" } })).deadline).toBe(
      "2026-03-10T00:00:00.000Z",
    );
  });

  it("submit honours an overridden quota and cooldown; a student's own quota override still wins", async () => {
    // Submissions are stored with the real clock, so the cooldown and the day count from now.
    const day = new Date();
    const plus = (s: number) => new Date(day.getTime() + s * 1000);
    const due = "2099-01-01T00:00:00Z";
    await override({ due, cooldown_seconds: 0, quota_daily: 3 });
    for (const s of [0, 1, 2]) await send(ann, plus(s));
    await expectAppError(send(ann, plus(3)), "rate_limited", /all 3 graded submissions/);
    expect(await getQuotaStatus({ ctx: ctx(ann, plus(3)), input: { assignment: "term-demo" } })).toMatchObject({
      daily: 3,
      used: 3,
      remaining: 0,
      cooldownSeconds: 0,
    });
    await override({ due, cooldown_seconds: 600 });
    await send(ben, plus(0));
    await expectAppError(send(ben, plus(120)), "rate_limited", /cooldown 600 s/);
    await override({ due, cooldown_seconds: 600, quota_daily: 0 });
    await expectAppError(send(ben, plus(700)), "rate_limited", /daily quota is 0/);
    await upsertQuotaOverride(t.handle.db, {
      userId: ben.id,
      assignment: "term-demo",
      daily: 4,
      cooldownSeconds: null,
      reason: "TA",
      grantedBy: prof.id,
    });
    await expect(send(ben, plus(700))).resolves.toMatchObject({ assignment: "term-demo" });
  });

  it("the late penalty and the grade export use the effective due date and late policy", async () => {
    const row = async () =>
      parseCsv(
        (await exportGrades({ ctx: ctx(prof, at("2026-04-01T00:00:00Z")), input: { assignment: "term-demo" } })).body,
      ).find((r) => r[0] === "ann@example.org");
    // Two days after the file's due date; the file takes no late work, so it is worth nothing.
    await insertTermDemo(t.handle.db, {
      userId: ann.id,
      createdAt: at("2026-03-02T12:00:00Z"),
      tests: termDemoTests({ shapes: 4, secret: 3, final: 3 }),
    });
    expect(await row()).toEqual(["ann@example.org", "", "term-demo", "10", "10", "10", "0"]);
    await override({ late_policy: { penalty_per_day: 0.1, max_penalty: 0.5, grace_minutes: 0 } });
    expect(await row()).toEqual(["ann@example.org", "", "term-demo", "10", "10", "2", "8"]);
    await override({
      late_policy: { penalty_per_day: 0.1, max_penalty: 0.5, grace_minutes: 0 },
      due: "2026-03-02T00:00:00Z",
    });
    expect(await row()).toEqual(["ann@example.org", "", "term-demo", "10", "10", "1", "9"]);
    await override({ due: "2026-03-03T00:00:00Z" });
    expect(await row()).toEqual(["ann@example.org", "", "term-demo", "10", "10", "0", "10"]);
    // A rubric change keeps the stored score; without a submission the maximum is the effective total.
    await override({ due: "2026-03-03T00:00:00Z", rubric: { shapes: { points: 8 } } });
    const csv = parseCsv(
      (await exportGrades({ ctx: ctx(prof, at("2026-04-01T00:00:00Z")), input: { assignment: "term-demo" } })).body,
    );
    expect(csv.find((r) => r[0] === "ann@example.org")).toEqual([
      "ann@example.org",
      "",
      "term-demo",
      "10",
      "10",
      "0",
      "10",
    ]);
    expect(csv.find((r) => r[0] === "ben@example.org")).toEqual([
      "ben@example.org",
      "",
      "term-demo",
      "0",
      "14",
      "0",
      "0",
    ]);
  });

  it("a visibility override hides or reveals an already stored result in the student's view", async () => {
    const id = await insertTermDemo(t.handle.db, {
      userId: ann.id,
      createdAt: at("2026-02-01T00:00:00Z"),
      tests: termDemoTests({ shapes: 2, secret: 3, final: 1 }, "shapes"),
      error: { kind: "runtime", message: "Shapes: TypeError: boom" },
    });
    // Before the due date (moved far ahead: the student's view reads the real clock).
    await override({ due: "2099-01-01T00:00:00Z" });
    const before = at("2026-02-02T00:00:00Z");
    const view = async () =>
      (await getSubmission({ ctx: ctx(ann, before), input: { id } })).result as {
        tests: { name: string; output?: string }[];
        score: number;
        max_score: number;
        pending_points: number;
        error: { message: string } | null;
      };
    const stored = await view();
    expect(stored.tests.map((t) => t.name)).toEqual(["Public tests (informational)", "Shapes", "Hidden check 1"]);
    expect(stored).toMatchObject({
      score: 5,
      max_score: 7,
      pending_points: 3,
      error: { message: "Shapes: TypeError: boom" },
    });
    await override({
      due: "2099-01-01T00:00:00Z",
      rubric: { shapes: { visibility: "hidden" }, secret: { visibility: "visible" }, final: { visibility: "visible" } },
    });
    const now = await view();
    expect(now.tests.map((t) => t.name)).toEqual([
      "Public tests (informational)",
      "Hidden check 1",
      "Secret case",
      "Final accuracy",
    ]);
    expect(JSON.stringify(now)).not.toContain("shapes feedback");
    expect(JSON.stringify(now)).not.toContain("TypeError");
    expect(now.error?.message).toBe("a hidden check failed (runtime); its details are not shown");
    expect(now).toMatchObject({ score: 6, max_score: 10, pending_points: 0 });
    // The history counts the same way before the due date.
    await override({
      due: "2099-01-01T00:00:00Z",
      rubric: { final: { visibility: "visible" }, secret: { visibility: "after_due_date" } },
    });
    const history = await listSubmissionHistory({ ctx: ctx(ann, before), input: { assignment: "term-demo" } });
    expect(history.items[0]).toMatchObject({ score: 3, maxScore: 7, pendingPoints: 3 });
    // The instructor sees what is stored.
    const raw = (await getSubmission({ ctx: ctx(prof, before), input: { id } })).result as {
      tests: { visibility: string }[];
    };
    expect(raw.tests.map((x) => x.visibility)).toEqual(["visible", "visible", "hidden", "after_due_date"]);
  });

  it("the worker reads the rubric override per job and passes it to the engine", async () => {
    const calls: { slug: string; rubric: unknown }[] = [];
    const deps: GraderDeps = {
      async graderVersion() {
        return "v1";
      },
      async grade({ slug, rubric }) {
        calls.push({ slug, rubric });
        const points = (rubric?.shapes?.points ?? 4) + 6;
        return {
          score: points,
          max_score: points,
          passed: true,
          backend: "cpu",
          error: null,
          tests: [],
        } satisfies StoredResult;
      },
    };
    const run = async (now: Date) => {
      const sub = await send(ann, now);
      await processGradeJob(
        t.handle,
        { id: sub.jobId!, data: { submissionId: sub.id, reason: "submit" }, retryCount: 0, retryLimit: 0 },
        deps,
      );
      return sub.id;
    };
    await override({ cooldown_seconds: 0, due: "2099-01-01T00:00:00Z" });
    await run(new Date());
    await override({
      cooldown_seconds: 0,
      due: "2099-01-01T00:00:00Z",
      rubric: { shapes: { points: 9 }, secret: { visibility: "visible" } },
    });
    const second = await run(new Date());
    expect(calls).toEqual([
      { slug: "term-demo", rubric: undefined },
      { slug: "term-demo", rubric: { shapes: { points: 9 }, secret: { visibility: "visible" } } },
    ]);
    const [graded] = await t.handle.db
      .select({ score: submissions.score, maxScore: submissions.maxScore })
      .from(submissions)
      .where(eq(submissions.id, second));
    expect(graded).toEqual({ score: 15, maxScore: 15 });
    // Entries for checks the served assignment no longer has are left out, so a stale override cannot fail gradings.
    await upsertAssignmentSettings(t.handle.db, {
      assignment: "hello-tensor",
      overrides: { rubric: { "same-shape": { points: 5 }, gone: { points: 1 } } },
      updatedBy: prof.id,
    });
    expect(await engineRubric(t.handle.db, "hello-tensor")).toEqual({ "same-shape": { points: 5 } });
    await upsertAssignmentSettings(t.handle.db, {
      assignment: "hello-tensor",
      overrides: { due: "2027-07-01T00:00:00Z" },
      updatedBy: prof.id,
    });
    expect(await engineRubric(t.handle.db, "hello-tensor")).toBeUndefined();
  });
});
