import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradedAssignments } from "@/graders/engine/assignments";
import { withCourseRoot } from "@/lib/content/course-root";
import type { Actor } from "@/lib/context";
import { createEngineDeps } from "@/lib/grading/engine-deps";
import { getCourseStatus } from "@/lib/instructor/get-course-status";
import { enqueueGrading, getQueue, stopQueue } from "@/lib/grading/queue";
import { startGradingWorkers, type WorkerHandle } from "@/lib/grading/worker";
import { createOffering } from "@/lib/offerings/create-offering";
import { listMyOfferings } from "@/lib/offerings/list-offerings";
import { markLessonRead } from "@/lib/progress/mark-lesson-read";
import { importRoster } from "@/lib/rosters/import-roster";
import { getSubmission } from "@/lib/submissions/get-submission";
import { submit } from "@/lib/submissions/submit";
import { createUser } from "@/lib/users/create-user";
import { expectAppError } from "../instructor/helpers";
import { inOffering } from "../offerings/support";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";
import { waitForDone } from "./support/wait-for-done";

const FIXTURE = path.resolve("tests/fixtures/courses/valid-minimal");
const addOne = "export function addOne(x: number): number {\n  return x + 1;\n}\n";

// Two course packages on one installation: the bundled one (default) and a second named in UNLABELED_COURSES. An
// offering of the second serves, takes and grades that package's assignments only, through the real queue, worker,
// engine and sandbox; the default offering never sees them.
describe.each(testDbKinds)("a second course package on %s", (kind) => {
  let t: TestDb;
  let prof: Actor;
  let sam: Actor; // student of the fixture course's offering
  let dee: Actor; // student of the default offering
  let workers: WorkerHandle;
  const saved = process.env.UNLABELED_COURSES;
  beforeAll(async () => {
    process.env.UNLABELED_COURSES = `fixture=${FIXTURE}`;
    t = await createTestDb(kind);
    const db = t.handle.db;
    const p = await createUser(db, { email: "prof@example.org", password: "instructor-pass-1" });
    prof = { id: p.id, email: p.email, name: p.name, role: p.role };
    const s = await createUser(db, { email: "sam@example.org", password: "student-pass-12" });
    const d = await createUser(db, { email: "dee@example.org", password: "student-pass-13" });
    dee = { id: d.id, email: d.email, name: d.name, role: d.role };
    workers = await startGradingWorkers(t.handle, createEngineDeps({ limitCaps: { wallSeconds: 4, cpuSeconds: 8 } }), { concurrency: 1 });
    await createOffering({ ctx: { db, actor: prof }, input: { slug: "fix-s", title: "Fixture, spring", course: "fixture" } });
    await importRoster({ ctx: { db, actor: await inOffering(db, prof, "fix-s") }, input: { csv: "email,role\nsam@example.org,student\n" } });
    sam = await inOffering(db, { id: s.id, email: s.email, name: s.name, role: s.role }, "fix-s");
  });
  afterAll(async () => {
    await workers?.stop();
    await stopQueue();
    await t?.cleanup();
    if (saved === undefined) delete process.env.UNLABELED_COURSES;
    else process.env.UNLABELED_COURSES = saved;
  });

  const submitAs = async (actor: Actor, assignment: string, source: string) => {
    const boss = await getQueue(t.handle);
    return submit({
      ctx: { db: t.handle.db, actor, enqueue: (job, jobId) => enqueueGrading(boss, job, jobId) },
      input: { assignment, source },
    });
  };

  it("creates offerings of a package it serves only, naming the ones it serves", async () => {
    const db = t.handle.db;
    const refused = createOffering({ ctx: { db, actor: prof }, input: { slug: "nope-s", title: "Nope", course: "nope" } });
    await expectAppError(refused, "validation");
    await expect(refused).rejects.toThrow(/course.*default, fixture.*'nope'/s);
    // The console's course page lists the other package and where it is served from.
    const status = await getCourseStatus({ ctx: { db, actor: prof } });
    expect(status.packages).toEqual([{ name: "fixture", source: FIXTURE, live: null, lastAttempt: null }]);
    const mine = (await listMyOfferings({ ctx: { db, actor: prof } })).offerings;
    expect(mine.map((o) => [o.slug, o.course])).toEqual([
      ["default", "default"],
      ["fix-s", "fixture"],
    ]);
  });

  it("grades an offering's submissions with its own package's checks, and nothing of it reaches the default offering", async () => {
    const sent = await submitAs(sam, "add-one", addOne);
    const done = await waitForDone(t, sent.id);
    expect(done).toMatchObject({ status: "graded", score: 10, maxScore: 10, passed: true, errorKind: null, offering: "fix-s" });
    const wrong = await waitForDone(t, (await submitAs(sam, "add-one", addOne.replace("x + 1", "x + 2"))).id);
    expect(wrong).toMatchObject({ status: "graded", passed: false });
    const view = await getSubmission({ ctx: { db: t.handle.db, actor: sam }, input: { id: sent.id } });
    expect(JSON.stringify(view.result)).not.toMatch(/unlabeled-hidden-/);
    // The same worker process then grades the default package's hello-tensor with the default package's checks
    // and runner bundle (its task.ts files), and the fixture's again after it.
    const hello = fs.readFileSync("content/assignments/hello-tensor/hidden/solution.ts", "utf8");
    expect(await waitForDone(t, (await submitAs(dee, "hello-tensor", hello)).id)).toMatchObject({ status: "graded", score: 10, maxScore: 10, offering: "default" });
    expect(await waitForDone(t, (await submitAs(sam, "add-one", addOne)).id)).toMatchObject({ status: "graded", score: 10, maxScore: 10 });
    // The bundled course's assignments are not this offering's, and the fixture's are not the default's.
    await expectAppError(submitAs(sam, "hello-tensor", "export const x = 1;"), "not_found");
    await expectAppError(submitAs(dee, "add-one", addOne), "not_found");
    // Lessons too: the fixture's "intro" is a lesson of fix-s only.
    await markLessonRead({ ctx: { db: t.handle.db, actor: sam }, input: { lesson: "intro" } });
    await expectAppError(markLessonRead({ ctx: { db: t.handle.db, actor: dee }, input: { lesson: "intro" } }), "not_found");
  }, 120_000);

  it("an offering whose package the installation no longer serves takes no submission, and says why", async () => {
    process.env.UNLABELED_COURSES = "";
    try {
      // offering.course is cached for 5 seconds per process: a new offering slug reads it fresh.
      await t.handle.db.execute(sql`insert into offering (slug, title, course) values ('gone-s', 'Gone', 'gone')`);
      const gone = { ...sam, offering: "gone-s", role: "student" as const };
      const refused = submitAs(gone, "add-one", addOne);
      await expectAppError(refused, "unavailable");
      await expect(refused).rejects.toThrow("There is no course package 'gone' on this installation (it serves: default).");
    } finally {
      process.env.UNLABELED_COURSES = `fixture=${FIXTURE}`;
    }
  });

  it("withCourseRoot scopes what the engine reads to one package", async () => {
    expect(await withCourseRoot(FIXTURE, async () => gradedAssignments())).toEqual(["add-one"]);
    expect(gradedAssignments()).toContain("hello-tensor");
    expect(gradedAssignments()).not.toContain("add-one");
  });
});
