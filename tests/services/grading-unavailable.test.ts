import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { submissions } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { enqueueGrading, getQueue, stopQueue } from "@/lib/grading/queue";
import { errorResponse } from "@/lib/http";
import { submit } from "@/lib/submissions/submit";
import { startEmbeddedGrading } from "@/lib/system/embedded-grading";
import { getGradingStatus } from "@/lib/system/get-grading-status";
import { gradingPrerequisites, recheckGradingPrerequisites, trackGradingPrerequisites, untrackGradingPrerequisites } from "@/lib/system/grading-status";
import { createUser } from "@/lib/users/create-user";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";

const contentDir = path.resolve("tests/fixtures/queue-course/content");
const MISSING = "grading is unavailable: bubblewrap (bwrap) is not installed (GRADER_BWRAP=/nonexistent does not exist); run `apt-get install -y bubblewrap`";

describe.each(testDbKinds)("submissions while grading is unavailable, on %s", (kind) => {
  let t: TestDb;
  let student: Actor;
  let instructor: Actor;
  const sent: string[] = [];
  beforeAll(async () => {
    t = await createTestDb(kind);
    const prof = await createUser(t.handle.db, { email: "prof@example.org", password: "instructor-pass-1" });
    instructor = { id: prof.id, email: prof.email, name: prof.name, role: prof.role };
    const u = await createUser(t.handle.db, { email: "s@example.org", password: "student-pass-12" });
    student = { id: u.id, email: u.email, name: u.name, role: u.role };
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    untrackGradingPrerequisites();
  });
  afterAll(async () => {
    await stopQueue();
    await t?.cleanup();
  });

  // The real queue: a refused submission must leave no job behind, not only no call.
  const ctx = (grading: () => Promise<{ ok: boolean; message: string } | null>, now = new Date()) => ({
    db: t.handle.db,
    now,
    actor: student,
    contentDir,
    grading,
    enqueue: async (job: { submissionId: string; reason: "submit" }, jobId: string) => {
      sent.push(jobId);
      await enqueueGrading(await getQueue(t.handle), job, jobId);
    },
  });
  const counts = async () => {
    const [subs] = await t.handle.db.select({ n: sql<number>`count(*)::int` }).from(submissions);
    const { rows } = await t.handle.executeSql("select count(*)::int as n from pgboss.job where name = 'grade-submission'");
    return { submissions: subs!.n, jobs: Number(rows[0]!.n), sent: sent.length };
  };

  it("refuses with 503 {error:{code:'unavailable',message}} and stores and queues nothing", async () => {
    await getQueue(t.handle);
    const before = await counts();
    const err = await submit({ ctx: ctx(async () => ({ ok: false, message: MISSING })), input: { assignment: "quota-demo", source: "export const correct = 1;" } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("unavailable");
    expect((err as AppError).message).toBe(`G${MISSING.slice(1)}. The submission was not stored; submit again once this is fixed.`);
    const response = errorResponse(err);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: { code: "unavailable", message: (err as AppError).message } });
    expect(await counts()).toEqual(before);
  });

  it("still answers bad input and unknown assignments first, as before", async () => {
    const down = ctx(async () => ({ ok: false, message: MISSING }));
    await expect(submit({ ctx: down, input: { assignment: "quota-demo", source: "  " } })).rejects.toMatchObject({ code: "validation" });
    await expect(submit({ ctx: down, input: { assignment: "no-such-assignment", source: "x" } })).rejects.toMatchObject({ code: "not_found" });
    await expect(submit({ ctx: { ...down, actor: null }, input: { assignment: "quota-demo", source: "x" } })).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("follows this server's real state: refused with GRADER_BWRAP=/nonexistent, accepted after a re-check finds bwrap", async () => {
    trackGradingPrerequisites();
    vi.stubEnv("GRADER_BWRAP", "/nonexistent");
    vi.stubEnv("GRADER_SANDBOX", "");
    const before = await counts();
    await expect(submit({ ctx: ctx(() => gradingPrerequisites()), input: { assignment: "quota-demo", source: "export const a = 1;" } })).rejects.toMatchObject({
      code: "unavailable",
      message: expect.stringContaining("bubblewrap (bwrap) is not installed (GRADER_BWRAP=/nonexistent does not exist)"),
    });
    expect(await counts()).toEqual(before);
    // "Installing" it: the next check (every minute, on a stale read, or an instructor's "Check again") sees it.
    vi.stubEnv("GRADER_BWRAP", "");
    expect((await gradingPrerequisites())?.ok).toBe(false); // still the cached state within the minute
    expect((await recheckGradingPrerequisites())?.ok).toBe(true);
    const sub = await submit({ ctx: ctx(() => gradingPrerequisites()), input: { assignment: "quota-demo", source: "export const a = 1;" } });
    expect(sub.status).toBe("queued");
    expect(await counts()).toEqual({ submissions: before.submissions + 1, jobs: before.jobs + 1, sent: before.sent + 1 });
  });

  it("accepts as before where the server does not grade (state null, e.g. PostgreSQL with separate graders)", async () => {
    vi.stubEnv("GRADER_BWRAP", "/nonexistent");
    expect(await gradingPrerequisites()).toBeNull();
    const later = new Date(Date.now() + 3_600_000); // past the fixture's 30 s cooldown
    const sub = await submit({ ctx: ctx(() => gradingPrerequisites(), later), input: { assignment: "quota-demo", source: "export const b = 2;" } });
    expect(sub.status).toBe("queued");
  });

  it("tells instructors (with the fix) and nobody else; recheck checks now", async () => {
    trackGradingPrerequisites();
    vi.stubEnv("GRADER_BWRAP", "/nonexistent");
    expect(await getGradingStatus({ ctx: { db: t.handle.db, actor: student }, input: {} })).toBeNull();
    expect(await getGradingStatus({ ctx: { db: t.handle.db, actor: null }, input: {} })).toBeNull();
    const shown = await getGradingStatus({ ctx: { db: t.handle.db, actor: instructor }, input: {} });
    expect(shown).toMatchObject({ ok: false, message: MISSING, fix: "apt-get install -y bubblewrap" });
    vi.stubEnv("GRADER_BWRAP", "");
    expect(await getGradingStatus({ ctx: { db: t.handle.db, actor: instructor }, input: { recheck: true } })).toMatchObject({ ok: true, fix: null });
    await expect(getGradingStatus({ ctx: { db: t.handle.db, actor: instructor }, input: { recheck: "yes" } })).rejects.toMatchObject({ code: "validation" });
  });

  it("embedded grading waits for the prerequisites and starts its workers once a check passes", async () => {
    vi.stubEnv("GRADER_BWRAP", "/nonexistent");
    const logs: string[] = [];
    // The previous database kind's workers may still be classing the labs in the background (each assignment's
    // checks described by its course-check host, which needs bwrap): their "could not tell" line is not this run's.
    const capture = (...args: unknown[]) => {
      const line = args.map(String).join(" ");
      if (!/could not tell training assignments apart/.test(line)) logs.push(line);
    };
    const spies = [vi.spyOn(console, "log").mockImplementation(capture), vi.spyOn(console, "error").mockImplementation(capture)];
    try {
      await startEmbeddedGrading(t.handle, { recheckMs: 60_000 });
      expect(logs).toEqual([`[unlabeled] ${MISSING} (pages are served; submissions are refused until this is fixed, checked every 60 s)`]);
      // No worker polls meanwhile (they poll every 0.5 s): the jobs queued above wait instead of failing their retries.
      await new Promise((r) => setTimeout(r, 1_500));
      const { rows: waiting } = await t.handle.executeSql("select state from pgboss.job where name = 'grade-submission'");
      expect(waiting.length).toBeGreaterThan(0);
      expect(waiting.every((r) => r.state === "created")).toBe(true);
      expect(logs).toHaveLength(1);
      vi.stubEnv("GRADER_BWRAP", "");
      await recheckGradingPrerequisites();
      for (let i = 0; i < 100 && !logs.some((l) => /worker\(s\) polling/.test(l)); i++) await new Promise((r) => setTimeout(r, 50));
      // (The workers then take the waiting jobs: the fixture's assignments have no graders, so those fail and retry.)
      expect(logs.slice(1, 3)).toEqual([
        expect.stringMatching(/^\[unlabeled\] grading is available again \(the grading sandbox works .*\): starting the grading workers$/),
        expect.stringMatching(/^\[grader\] 1 worker\(s\) polling the grading queue/),
      ]);
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });
});
