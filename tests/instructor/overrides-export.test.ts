import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, submissions } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { parseCsv } from "@/lib/grades/csv";
import { exportGrades } from "@/lib/grades/export-grades";
import { adjustScore } from "@/lib/instructor/adjust-score";
import { getDashboard } from "@/lib/instructor/get-dashboard";
import { getStudentDetail } from "@/lib/instructor/get-student-detail";
import { grantExtension } from "@/lib/instructor/grant-extension";
import { setQuotaOverride } from "@/lib/instructor/set-quota-override";
import { submit } from "@/lib/submissions/submit";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";
import { at, contentDir, expectAppError, insertGraded, makeUser } from "./helpers";

const HEADER = ["email", "name", "assignment", "score", "max_score", "late_penalty", "final"];

describe.each(testDbKinds)("extensions, quotas, adjustments and grade export on %s", (kind) => {
  let t: TestDb;
  let prof: Actor;
  let ann: Actor;
  let ben: Actor;
  let cat: Actor;
  const ctx = (actor: Actor, now = at("2026-03-10T00:00:00Z")) => ({
    db: t.handle.db,
    actor,
    contentDir,
    now,
    enqueue: async () => undefined,
  });
  beforeAll(async () => {
    t = await createTestDb(kind);
    prof = await makeUser(t.handle.db, "prof@example.org", "instructor");
    ann = await makeUser(t.handle.db, "ann@example.org", "student", 'Ann "The Hammer", Jr.');
    ben = await makeUser(t.handle.db, "ben@example.org", "student", "=HYPERLINK(\"http://evil\")");
    cat = await makeUser(t.handle.db, "cat@example.org");
    const db = t.handle.db;
    // late-demo: due 2026-03-01, 10%/started day, cap 30%, 10 minutes grace.
    await insertGraded(db, { userId: ann.id, assignment: "late-demo", createdAt: at("2026-02-28T12:00:00Z"), score: 6 });
    await insertGraded(db, { userId: ann.id, assignment: "late-demo", createdAt: at("2026-03-01T00:05:00Z"), score: 8 }); // in grace
    await insertGraded(db, { userId: ben.id, assignment: "late-demo", createdAt: at("2026-03-02T06:00:00Z"), score: 10 }); // 2 days late
    await insertGraded(db, { userId: ben.id, assignment: "lb-mse", createdAt: at("2026-02-01T00:00:00Z"), score: 7 });
    // An instructor's own test run never appears in the export.
    await insertGraded(db, { userId: prof.id, assignment: "late-demo", createdAt: at("2026-02-01T00:00:00Z"), score: 10 });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("exports one assignment as RFC 4180 CSV with late penalties", async () => {
    const out = await exportGrades({ ctx: ctx(prof), input: { assignment: "late-demo" } });
    expect(out.contentType).toMatch(/^text\/csv/);
    expect(out.filename).toBe("grades-late-demo.csv");
    expect(out.body.endsWith("\r\n")).toBe(true);
    expect(out.body.split("\r\n")[0]).toBe(HEADER.join(","));
    // Quotes doubled, comma-containing field quoted, formula-looking text defused.
    expect(out.body).toContain('"Ann ""The Hammer"", Jr."');
    expect(out.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(parseCsv(out.body)).toEqual([
      HEADER,
      ["ann@example.org", 'Ann "The Hammer", Jr.', "late-demo", "8", "10", "0", "8"],
      ["ben@example.org", `'=HYPERLINK("http://evil")`, "late-demo", "10", "10", "2", "8"],
      ["cat@example.org", "", "late-demo", "0", "10", "0", "0"],
    ]);
  });

  it("moves a student's deadline with an extension, and the export and submit verb honour it", async () => {
    await expectAppError(
      grantExtension({ ctx: ctx(prof), input: { userId: ben.id, assignment: "late-demo", until: "2026-02-01T00:00:00Z", reason: "x" } }),
      "validation",
      /later than the due date/,
    );
    await expectAppError(grantExtension({ ctx: ctx(prof), input: { userId: ben.id, assignment: "late-demo", until: "tomorrow", reason: "x" } }), "validation");
    await expectAppError(grantExtension({ ctx: ctx(prof), input: { userId: ben.id, assignment: "late-demo", until: null, reason: " " } }), "validation");
    await expectAppError(grantExtension({ ctx: ctx(prof), input: { userId: "nobody", assignment: "late-demo", until: null, reason: "x" } }), "not_found");
    await grantExtension({ ctx: ctx(prof), input: { userId: ben.id, assignment: "late-demo", until: "2026-03-03T00:00:00Z", reason: "medical note" } });
    const rows = parseCsv((await exportGrades({ ctx: ctx(prof), input: { assignment: "late-demo" } })).body);
    expect(rows[2]).toEqual(["ben@example.org", `'=HYPERLINK("http://evil")`, "late-demo", "10", "10", "0", "10"]);
    // closed-demo takes no late work: an extension opens it for this student only. The submit verb stamps
    // submissions with the database clock, so these calls use the real time.
    await expectAppError(submit({ ctx: ctx(cat, new Date()), input: { assignment: "closed-demo", source: "x" } }), "forbidden", /deadline/);
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
    await grantExtension({ ctx: ctx(prof), input: { userId: cat.id, assignment: "closed-demo", until, reason: "joined late" } });
    const sub = await submit({ ctx: ctx(cat, new Date()), input: { assignment: "closed-demo", source: "x" } });
    expect(sub.status).toBe("queued");
    await expectAppError(submit({ ctx: ctx(ann, new Date()), input: { assignment: "closed-demo", source: "x" } }), "forbidden", /deadline/);
    const audit = await t.handle.db.select().from(auditLog).where(eq(auditLog.subjectUserId, ben.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "extension.grant", actorId: prof.id, details: { before: null, after: "2026-03-03T00:00:00.000Z", reason: "medical note" } });
  });

  it("overrides one student's daily quota and cooldown in the submit verb", async () => {
    // closed-demo allows 1 a day; cat used it above (graded now: a queued one would be superseded, issue #20).
    await t.handle.db.update(submissions).set({ status: "graded", gradedAt: new Date() }).where(and(eq(submissions.userId, cat.id), eq(submissions.assignment, "closed-demo")));
    const now = new Date();
    await expectAppError(submit({ ctx: ctx(cat, now), input: { assignment: "closed-demo", source: "y" } }), "rate_limited", /all 1 graded/);
    await setQuotaOverride({ ctx: ctx(prof), input: { userId: cat.id, assignment: "closed-demo", daily: 2, cooldownSeconds: 2, reason: "retake" } });
    await expectAppError(submit({ ctx: ctx(cat, now), input: { assignment: "closed-demo", source: "y" } }), "rate_limited", /cooldown 2 s/);
    const later = new Date(now.getTime() + 3_000);
    // Near midnight UTC the later call would start a new quota day; either way the override lets it through.
    expect((await submit({ ctx: ctx(cat, later), input: { assignment: "closed-demo", source: "y" } })).status).toBe("queued");
    await setQuotaOverride({ ctx: ctx(prof), input: { userId: cat.id, assignment: "closed-demo", daily: null, cooldownSeconds: null, reason: "back to normal" } });
    const detail = await getStudentDetail({ ctx: ctx(prof), input: { assignment: "closed-demo", userId: cat.id } });
    expect(detail.overrides).toMatchObject({ daily: null, cooldownSeconds: null });
    expect(detail.audit.map((a) => a.action)).toEqual(["quota.remove", "quota.override", "extension.grant"]);
    await expectAppError(
      setQuotaOverride({ ctx: ctx(prof), input: { userId: cat.id, assignment: "closed-demo", daily: 0, cooldownSeconds: null, reason: "x" } }),
      "validation",
    );
  });

  it("applies a manual adjustment to the final grade and audits old and new values", async () => {
    await expectAppError(adjustScore({ ctx: ctx(prof), input: { userId: ann.id, assignment: "late-demo", points: 1 } }), "validation");
    await adjustScore({ ctx: ctx(prof), input: { userId: ann.id, assignment: "late-demo", points: 1.5, reason: "regrade request: test 3 was ambiguous" } });
    await adjustScore({ ctx: ctx(prof), input: { userId: ann.id, assignment: "late-demo", points: -1, reason: "second look" } });
    const rows = parseCsv((await exportGrades({ ctx: ctx(prof), input: { assignment: "late-demo" } })).body);
    expect(rows[1]).toEqual(["ann@example.org", 'Ann "The Hammer", Jr.', "late-demo", "8", "10", "0", "7"]);
    const audit = await t.handle.db.select().from(auditLog).where(eq(auditLog.action, "score.adjust")).orderBy(auditLog.createdAt);
    expect(audit.map((a) => a.details)).toEqual([
      { before: 0, after: 1.5, reason: "regrade request: test 3 was ambiguous" },
      { before: 1.5, after: -1, reason: "second look" },
    ]);
  });

  it("exports the whole course, one row per student and assignment, and JSON with full results", async () => {
    const csv = parseCsv((await exportGrades({ ctx: ctx(prof), input: {} })).body);
    expect(csv[0]).toEqual(HEADER);
    // 3 students × 4 fixture assignments, students by email, assignments in course order (one lesson here, so by slug).
    expect(csv).toHaveLength(1 + 3 * 4);
    expect(csv.slice(1, 5).map((r) => r[2])).toEqual(["closed-demo", "late-demo", "lb-accuracy", "lb-mse"]);
    expect(csv.find((r) => r[0] === "ben@example.org" && r[2] === "lb-mse")).toEqual(["ben@example.org", `'=HYPERLINK("http://evil")`, "lb-mse", "7", "10", "0", "7"]);
    const json = JSON.parse((await exportGrades({ ctx: ctx(prof), input: { assignment: "late-demo", format: "json" } })).body);
    const ann0 = json.find((r: { email: string }) => r.email === "ann@example.org");
    expect(ann0).toMatchObject({ score: 8, adjustment: -1, final: 7, result: { score: 8, max_score: 10, tests: [{ visibility: "hidden" }] } });
    await expectAppError(exportGrades({ ctx: ctx(prof), input: { assignment: "nope" } }), "not_found");
    await expectAppError(exportGrades({ ctx: ctx(prof), input: { format: "xlsx" } }), "validation");
  });

  it("exports Canvas and Moodle gradebook CSVs: one row per student, one column per assignment, ungraded cells empty", async () => {
    const canvas = await exportGrades({ ctx: ctx(prof), input: { format: "canvas" } });
    expect(canvas.filename).toBe("grades-course-canvas.csv");
    expect(canvas.contentType).toMatch(/^text\/csv/);
    const c = parseCsv(canvas.body);
    expect(c[0]).toEqual(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Closed demo (closed-demo)", "Late demo (late-demo)", "Leaderboard by accuracy (lb-accuracy)", "Leaderboard by reconstruction error (lb-mse)"]);
    expect(c[1]).toEqual(["    Points Possible", "", "", "", "", "10", "10", "10", "10"]);
    expect(c).toHaveLength(2 + 3);
    expect(c.find((r) => r[3] === "ann@example.org")).toEqual(['"The Hammer", Jr., Ann', "", "", "ann@example.org", "", "", "7", "", ""]);
    // A formula-looking name stays defused in the LMS formats too.
    expect(c.find((r) => r[3] === "ben@example.org")).toEqual([`'=HYPERLINK("http://evil")`, "", "", "ben@example.org", "", "", "10", "", "7"]);
    const moodle = parseCsv((await exportGrades({ ctx: ctx(prof), input: { format: "moodle", assignment: "late-demo" } })).body);
    expect(moodle[0]).toEqual(["First name", "Last name", "Email address", "Late demo (Real)"]);
    expect(moodle.slice(1)).toEqual([
      ["Ann", '"The Hammer", Jr.', "ann@example.org", "7"],
      [`'=HYPERLINK("http://evil")`, "", "ben@example.org", "10"],
      ["cat", "", "cat@example.org", ""],
    ]);
  });

  it("summarises an assignment for the dashboard", async () => {
    const d = await getDashboard({ ctx: ctx(prof), input: { assignment: "late-demo" } });
    expect(d.totals).toMatchObject({ total: 4, graded: 4, pending: 0, platformFailed: 0, medianGradingSeconds: 4, medianTurnaroundSeconds: 5 });
    expect(d.daily.map((x) => [x.day, x.total])).toEqual([
      ["2026-02-01", 1],
      ["2026-02-28", 1],
      ["2026-03-01", 1],
      ["2026-03-02", 1],
    ]);
    expect(d.students).toEqual({ total: 3, submitted: 2, passed: 2 });
    expect(d.distribution.reduce((a, b) => a + b, 0)).toBe(2);
    expect(d.distribution[7]).toBe(1); // ann: 7/10
    expect(d.distribution[9]).toBe(1); // ben: 10/10 with his extension
  });
});
