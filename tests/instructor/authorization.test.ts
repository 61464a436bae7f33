import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/context";
import { deleteDraft } from "@/lib/drafts/delete-draft";
import { getDraft } from "@/lib/drafts/get-draft";
import { saveDraft } from "@/lib/drafts/save-draft";
import { exportGrades } from "@/lib/grades/export-grades";
import { adjustScore } from "@/lib/instructor/adjust-score";
import { clearAssignmentSettings } from "@/lib/instructor/clear-assignment-settings";
import { getAssignmentSettings } from "@/lib/instructor/get-assignment-settings";
import { saveAssignmentSettings } from "@/lib/instructor/save-assignment-settings";
import { getDashboard } from "@/lib/instructor/get-dashboard";
import { getOverview } from "@/lib/instructor/get-overview";
import { getStudentDetail } from "@/lib/instructor/get-student-detail";
import { getResultJson, getSubmissionDetail } from "@/lib/instructor/get-submission-detail";
import { grantExtension } from "@/lib/instructor/grant-extension";
import { listAudit } from "@/lib/instructor/list-audit";
import { setQuotaOverride } from "@/lib/instructor/set-quota-override";
import { chooseSubmission } from "@/lib/leaderboards/choose-submission";
import { controlLeaderboard } from "@/lib/leaderboards/control-leaderboard";
import { getLeaderboard } from "@/lib/leaderboards/get-leaderboard";
import { getRegrade } from "@/lib/regrade/get-regrade";
import { startRegrade } from "@/lib/regrade/start-regrade";
import { studentView } from "@/lib/grading/student-view";
import { getSubmission } from "@/lib/submissions/get-submission";
import { importRoster } from "@/lib/rosters/import-roster";
import { assignmentSettings, auditLog, deadlineExtensions, scoreAdjustments, submissions } from "@/db/schema";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";
import { at, board, contentDir, expectAppError, insertGraded, makeUser } from "./helpers";

describe.each(testDbKinds)("instructor authorisation on %s", (kind) => {
  let t: TestDb;
  let prof: Actor;
  let alice: Actor;
  let bob: Actor;
  let bobSub: string;
  const enqueued: string[] = [];
  beforeAll(async () => {
    t = await createTestDb(kind);
    prof = await makeUser(t.handle.db, "prof@example.org", "instructor");
    alice = await makeUser(t.handle.db, "alice@example.org");
    bob = await makeUser(t.handle.db, "bob@example.org", "student", "Bob Secret");
    bobSub = await insertGraded(t.handle.db, { userId: bob.id, assignment: "lb-accuracy", createdAt: at("2026-02-01T00:00:00Z"), score: 8, leaderboard: board("accuracy", 0.81, 0.79) });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const ctx = (actor: Actor | null) => ({
    db: t.handle.db,
    actor,
    contentDir,
    now: at("2026-04-01T00:00:00Z"),
    enqueue: async (job: { submissionId: string }) => void enqueued.push(job.submissionId),
  });
  // Every instructor verb with input that would succeed for an instructor.
  const verbs = () => [
    ["getOverview", (a: Actor | null) => getOverview({ ctx: ctx(a) })],
    ["getDashboard", (a: Actor | null) => getDashboard({ ctx: ctx(a), input: { assignment: "lb-accuracy" } })],
    ["getStudentDetail", (a: Actor | null) => getStudentDetail({ ctx: ctx(a), input: { assignment: "lb-accuracy", userId: bob.id } })],
    ["getSubmissionDetail", (a: Actor | null) => getSubmissionDetail({ ctx: ctx(a), input: { id: bobSub } })],
    ["getResultJson", (a: Actor | null) => getResultJson({ ctx: ctx(a), input: { id: bobSub } })],
    ["listAudit", (a: Actor | null) => listAudit({ ctx: ctx(a), input: {} })],
    ["exportGrades csv", (a: Actor | null) => exportGrades({ ctx: ctx(a), input: { format: "csv" } })],
    ["exportGrades json", (a: Actor | null) => exportGrades({ ctx: ctx(a), input: { assignment: "lb-accuracy", format: "json" } })],
    ["grantExtension", (a: Actor | null) => grantExtension({ ctx: ctx(a), input: { userId: bob.id, assignment: "lb-accuracy", until: "2026-03-05T00:00:00Z", reason: "ill" } })],
    ["setQuotaOverride", (a: Actor | null) => setQuotaOverride({ ctx: ctx(a), input: { userId: bob.id, assignment: "lb-accuracy", daily: 9, cooldownSeconds: null, reason: "x" } })],
    ["adjustScore", (a: Actor | null) => adjustScore({ ctx: ctx(a), input: { userId: bob.id, assignment: "lb-accuracy", points: 10, reason: "x" } })],
    ["startRegrade one", (a: Actor | null) => startRegrade({ ctx: ctx(a), input: { submissionId: bobSub } })],
    ["startRegrade all", (a: Actor | null) => startRegrade({ ctx: ctx(a), input: { assignment: "lb-accuracy" } })],
    ["getRegrade", (a: Actor | null) => getRegrade({ ctx: ctx(a), input: { id: "00000000-0000-4000-8000-000000000000" } })],
    ["controlLeaderboard reveal", (a: Actor | null) => controlLeaderboard({ ctx: ctx(a), input: { assignment: "lb-accuracy", action: "reveal" } })],
    ["getAssignmentSettings", (a: Actor | null) => getAssignmentSettings({ ctx: ctx(a), input: { assignment: "lb-accuracy" } })],
    ["saveAssignmentSettings", (a: Actor | null) => saveAssignmentSettings({ ctx: ctx(a), input: { assignment: "lb-accuracy", set: { quota_daily: 50, rubric: { adds: { visibility: "visible" } } }, reason: "x" } })],
    ["clearAssignmentSettings", (a: Actor | null) => clearAssignmentSettings({ ctx: ctx(a), input: { assignment: "lb-accuracy", keys: ["due"], reason: "x" } })],
    ["controlLeaderboard hide-row", (a: Actor | null) => controlLeaderboard({ ctx: ctx(a), input: { assignment: "lb-accuracy", action: "hide-row", userId: bob.id, reason: "x" } })],
    ["importRoster", (a: Actor | null) => importRoster({ ctx: ctx(a), input: { csv: "email,role\r\nnew@example.org,student\r\n" } })],
  ] as const;
  /** The verbs a teaching assistant is refused (docs/architecture.md, "Roles"); every other one above is "staff". */
  const instructorOnly = new Set([
    "controlLeaderboard reveal",
    "controlLeaderboard hide-row",
    "getAssignmentSettings",
    "saveAssignmentSettings",
    "clearAssignmentSettings",
    "importRoster",
  ]);

  it("refuses every instructor verb to a student (forbidden) and to an anonymous caller, changing nothing", async () => {
    for (const [name, call] of verbs()) {
      const err = await expectAppError(call(alice), "forbidden");
      expect(err.message, name).toMatch(instructorOnly.has(name) ? /instructors only/ : /course staff only/);
      await expectAppError(call(null), "unauthenticated");
    }
    expect(enqueued).toEqual([]);
    for (const table of [auditLog, deadlineExtensions, scoreAdjustments, assignmentSettings]) expect(await t.handle.db.select().from(table)).toEqual([]);
    const [sub] = await t.handle.db.select({ status: submissions.status }).from(submissions);
    expect(sub!.status).toBe("graded");
  });

  it("refuses students even when the input is malformed (authorisation comes before validation)", async () => {
    await expectAppError(getDashboard({ ctx: ctx(alice), input: { assignment: "../../etc" } }), "forbidden");
    await expectAppError(startRegrade({ ctx: ctx(alice), input: "garbage" }), "forbidden");
    await expectAppError(exportGrades({ ctx: ctx(alice), input: { format: "xlsx" } }), "forbidden");
    await expectAppError(saveAssignmentSettings({ ctx: ctx(alice), input: { assignment: "lb-accuracy", set: { rubric: { nope: { points: -1 } } } } }), "forbidden");
    await expectAppError(getAssignmentSettings({ ctx: ctx(alice), input: { assignment: "../../etc" } }), "forbidden");
  });

  it("lets one student neither read nor choose another student's submission", async () => {
    await expectAppError(getSubmission({ ctx: ctx(alice), input: { id: bobSub } }), "not_found");
    await expectAppError(chooseSubmission({ ctx: ctx(alice), input: { assignment: "lb-accuracy", submissionId: bobSub } }), "not_found");
    // What the owner is shown of the stored result (get-submission.ts applies studentView) hides hidden checks'
    // output and private leaderboard values.
    const stored = await getResultJson({ ctx: ctx(prof), input: { id: bobSub } });
    expect(JSON.stringify(stored.result)).toMatch(/unlabeled-hidden-.*accuracy:private/);
    const own = studentView(stored.result, { dueDate: at("2026-03-01T00:00:00Z"), now: at("2026-02-02T00:00:00Z") });
    expect(JSON.stringify(own)).not.toMatch(/unlabeled-hidden-|accuracy:private/);
    expect(own.leaderboard).toEqual([{ name: "accuracy", value: 0.81, order: "desc" }]);
  });

  it("keeps each student's draft to themselves: a draft is addressed only by the signed-in actor", async () => {
    await saveDraft({ ctx: ctx(bob), input: { assignment: "lb-accuracy", source: "// bob's secret idea", baseRevision: 0 } });
    expect(await getDraft({ ctx: ctx(alice), input: { assignment: "lb-accuracy" } })).toMatchObject({ source: null, revision: 0 });
    expect((await getDraft({ ctx: ctx(bob), input: { assignment: "lb-accuracy" } })).source).toBe("// bob's secret idea");
    // No input names another user: trying to is a validation error, not a read or an overwrite.
    await expectAppError(getDraft({ ctx: ctx(alice), input: { assignment: "lb-accuracy", userId: bob.id } }), "validation");
    await expectAppError(saveDraft({ ctx: ctx(alice), input: { assignment: "lb-accuracy", source: "x", baseRevision: 1, userId: bob.id } }), "validation");
    await expectAppError(deleteDraft({ ctx: ctx(alice), input: { assignment: "lb-accuracy", userId: bob.id } }), "validation");
    expect((await getDraft({ ctx: ctx(bob), input: { assignment: "lb-accuracy" } })).source).toBe("// bob's secret idea");
  });

  it("shows students a board of pseudonyms without emails, names, ids or private values", async () => {
    const view = await getLeaderboard({ ctx: ctx(alice), input: { assignment: "lb-accuracy" } });
    const text = JSON.stringify(view);
    expect(view.rows).toHaveLength(1);
    expect(text).not.toContain("bob@example.org");
    expect(text).not.toContain("Bob Secret");
    expect(text).not.toContain(bob.id);
    expect(text).not.toContain(bobSub);
    expect(view.rows[0]).not.toHaveProperty("private");
    expect(text).not.toContain("0.79");
  });

  it("allows everything to the instructor", async () => {
    for (const [name, call] of verbs()) {
      if (name === "getRegrade") {
        await expectAppError(call(prof), "not_found");
        continue;
      }
      if (name === "startRegrade all") continue; // the single regrade above left nothing graded to regrade
      await expect(call(prof), name).resolves.toBeTruthy();
    }
    expect(enqueued).toEqual([bobSub]);
  });

  // After the instructor's pass (which used up the one regrade): a TA gets every "staff" verb and none of the others.
  it("refuses a teaching assistant every instructor-only verb and lets them through every staff one", async () => {
    const ta = await makeUser(t.handle.db, "ta@example.org", "ta");
    const audits = (await t.handle.db.select().from(auditLog)).length;
    for (const [name, call] of verbs()) {
      if (!instructorOnly.has(name)) continue;
      const err = await expectAppError(call(ta), "forbidden");
      expect(err.message, name).toMatch(/instructors only/);
    }
    expect((await t.handle.db.select().from(auditLog)).length).toBe(audits);
    for (const [name, call] of verbs()) {
      if (instructorOnly.has(name)) continue;
      const outcome = await call(ta).then(
        () => "ok",
        (e: { code?: string }) => e.code ?? "error",
      );
      // getRegrade: a made-up id; startRegrade: the instructor's regrade is still queued. Neither is a refusal.
      expect(["forbidden", "unauthenticated"], name).not.toContain(outcome);
      if (!name.startsWith("startRegrade") && name !== "getRegrade") expect(outcome, name).toBe("ok");
    }
  });
});
