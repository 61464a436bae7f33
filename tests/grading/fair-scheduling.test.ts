/**
 * Fair scheduling (issue #20) through the real submit verb, pg-boss and the real worker loop, with a quick fake
 * engine injected as the worker's GraderDeps: superseding, a student's resubmissions against another's first one,
 * one training job per student, and priority near a deadline.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { upsertExtension } from "@/db/queries/instructor-overrides";
import { countQuotaSubmissions, findSubmission } from "@/db/queries/submissions";
import { fetchNextJob } from "@/db/queries/grading-queue";
import { submissions } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { cancelGrading, enqueueGrading, getQueue, GRADE_QUEUE, stopQueue } from "@/lib/grading/queue";
import { AGING, PRIORITY } from "@/lib/grading/schedule";
import { processGradeJob, startGradingWorkers, type WorkerHandle } from "@/lib/grading/worker";
import { getSubmission } from "@/lib/submissions/get-submission";
import { startOfUtcDay, submit } from "@/lib/submissions/submit";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";
import { fakeEngine, latch, makeActors, rushContent, TRAINING, waitFor, type Call } from "./support/fake-engine";

describe.each(testDbKinds)("fair scheduling on %s", (kind) => {
  let t: TestDb;
  let who: Record<string, Actor>;
  let workers: WorkerHandle | null = null;
  beforeAll(async () => {
    t = await createTestDb(kind);
    who = await makeActors(t, ["ann", "ben", "cat", "dan", "eve", "fay", "gus", "hal", "ivy", "jon", "kim", "lee", "mia", "ned", "oli"]);
  });
  afterEach(async () => {
    await workers?.stop();
    workers = null;
    // Each test starts from an empty queue.
    await t.handle.executeSql(`delete from pgboss.job where name = '${GRADE_QUEUE}'`).catch(() => undefined);
  });
  afterAll(async () => {
    await stopQueue();
    await t?.cleanup();
  });

  const send = async (actor: Actor, assignment: string, source: string, now?: Date) => {
    const boss = await getQueue(t.handle);
    return submit({
      ctx: { db: t.handle.db, actor, contentDir: rushContent, now, enqueue: (job, jobId) => enqueueGrading(boss, job, jobId), cancel: (ids) => cancelGrading(boss, ids) },
      input: { assignment, source },
    });
  };
  const status = async (id: string) => (await findSubmission(t.handle.db, id))?.status;
  const graded = (id: string) => waitFor(`${id} graded`, async () => (await status(id)) === "graded");

  it("supersedes a queued submission: it ends superseded by #N, is never graded and costs no quota", async () => {
    const boss = await getQueue(t.handle);
    const first = await send(who.ann!, "train-lab", "v1");
    const second = await send(who.ann!, "train-lab", "v2");
    const third = await send(who.ann!, "train-lab", "v3 correct");
    expect(second.superseded).toEqual([first.id]);
    expect(third.superseded).toEqual([second.id]);
    expect(await findSubmission(t.handle.db, first.id)).toMatchObject({ status: "superseded", supersededBy: second.id });
    expect((await boss.getJobById(GRADE_QUEUE, first.jobId!))?.state).toBe("cancelled");
    const view = await getSubmission({ ctx: { db: t.handle.db, actor: who.ann! }, input: { id: second.id } });
    expect(view).toMatchObject({ status: "superseded", supersededBy: { id: third.id, number: 3 }, result: null, queue: null });
    expect(view.message).toBe("Superseded by submission #3, sent before this one's grading started; it was not graded and does not count against your quota.");
    // Only the live one counts against the quota.
    expect(await countQuotaSubmissions(t.handle.db, who.ann!.id, "train-lab", startOfUtcDay(new Date()))).toBe(1);
    // A superseded job that a grader fetched before the cancel is a no-op.
    const calls: Call[] = [];
    await processGradeJob(t.handle, { id: second.jobId!, data: { submissionId: second.id, reason: "submit" } }, fakeEngine({ ms: () => 1, calls }));
    expect(calls).toEqual([]);
    expect(await status(second.id)).toBe("superseded");
    // Another assignment of the same student, and another student, are left alone.
    const other = await send(who.ann!, "light-lab", "light");
    const ben = await send(who.ben!, "train-lab", "ben");
    await send(who.ann!, "train-lab", "v4");
    expect([await status(other.id), await status(ben.id), await status(third.id)]).toEqual(["queued", "queued", "superseded"]);
  });

  it("never supersedes a submission that is running or queued for a regrade", async () => {
    const running = await send(who.cat!, "train-lab", "running one");
    await t.handle.db.update(submissions).set({ status: "running" }).where(eq(submissions.id, running.id));
    const regrade = await send(who.dan!, "train-lab", "graded before");
    // As a regrade leaves it: queued again, but it has been graded once (graded_at set).
    await t.handle.db.update(submissions).set({ status: "queued", gradedAt: new Date() }).where(eq(submissions.id, regrade.id));
    const newer = await send(who.cat!, "train-lab", "newer");
    const newerDan = await send(who.dan!, "train-lab", "newer dan");
    expect(newer.superseded).toEqual([]);
    expect(newerDan.superseded).toEqual([]);
    expect([await status(running.id), await status(regrade.id)]).toEqual(["running", "queued"]);
  });

  it("a student's five resubmissions do not delay another student's first one (real worker, one slot)", async () => {
    const calls: Call[] = [];
    const hold = latch();
    const gate = (source: string) => (source === "eve 1" ? hold.promise : Promise.resolve());
    workers = await startGradingWorkers(t.handle, fakeEngine({ ms: () => 50, calls, gate }), { concurrency: 1, pollMs: 20 });
    const a1 = await send(who.eve!, "light-lab", "eve 1");
    await waitFor("eve's first running", async () => (await status(a1.id)) === "running");
    const resubmits = [];
    for (let i = 2; i <= 5; i++) resubmits.push(await send(who.eve!, "light-lab", `eve ${i}`));
    const b1 = await send(who.fay!, "light-lab", "fay 1");
    hold.open();
    await graded(b1.id);
    await graded(resubmits.at(-1)!.id);
    // Eve's 2nd–4th were superseded while waiting; Fay's first ran before Eve's 5th although it came later.
    expect(await Promise.all(resubmits.slice(0, 3).map((s) => status(s.id)))).toEqual(["superseded", "superseded", "superseded"]);
    expect(calls.map((c) => c.source)).toEqual(["eve 1", "fay 1", "eve 5"]);
    expect(b1.priority).toBe(PRIORITY.first);
    expect(resubmits.at(-1)!.priority).toBe(PRIORITY.other);
  });

  it("puts a first submission before queued resubmissions even when nothing is superseded", async () => {
    const calls: Call[] = [];
    const boss = await getQueue(t.handle);
    const keep = (actor: Actor, source: string) =>
      submit({ ctx: { db: t.handle.db, actor, contentDir: rushContent, supersede: false, enqueue: (job, jobId) => enqueueGrading(boss, job, jobId) }, input: { assignment: "light-lab", source } });
    const hold = latch();
    const gate = (source: string) => (source === "gus 1" ? hold.promise : Promise.resolve());
    workers = await startGradingWorkers(t.handle, fakeEngine({ ms: () => 50, calls, gate }), { concurrency: 1, pollMs: 20 });
    const g1 = await keep(who.gus!, "gus 1");
    await waitFor("gus's first running", async () => (await status(g1.id)) === "running");
    const rest = [];
    for (let i = 2; i <= 5; i++) rest.push(await keep(who.gus!, `gus ${i}`));
    const h1 = await keep(who.hal!, "hal 1");
    hold.open();
    for (const s of [...rest, h1]) await graded(s.id);
    expect(calls.map((c) => c.source)).toEqual(["gus 1", "hal 1", "gus 2", "gus 3", "gus 4", "gus 5"]);
  });

  it("runs one training job per student at a time, while others' and light jobs use the free slots", async () => {
    const calls: Call[] = [];
    workers = await startGradingWorkers(t.handle, fakeEngine({ ms: (slug) => (TRAINING.includes(slug) ? 400 : 100), calls }), { concurrency: 3, pollMs: 20 });
    const a = await send(who.ivy!, "train-lab", "ivy train a");
    const b = await send(who.ivy!, "train-lab-b", "ivy train b");
    const c = await send(who.jon!, "train-lab-b", "jon train");
    const light = await send(who.ivy!, "light-lab", "ivy light");
    for (const s of [a, b, c, light]) await graded(s.id);
    const span = (source: string) => calls.find((x) => x.source === source)!;
    const overlap = (x: Call, y: Call) => x.start < y.end && y.start < x.end;
    expect(overlap(span("ivy train a"), span("ivy train b"))).toBe(false);
    expect(span("ivy train b").start).toBeGreaterThanOrEqual(span("ivy train a").end);
    expect(overlap(span("ivy train a"), span("jon train"))).toBe(true);
    expect(overlap(span("ivy train a"), span("ivy light"))).toBe(true);
  });

  it("gives first submissions priority, most near the deadline (an extension moves it), and fetches in that order", async () => {
    const due = new Date("2030-01-01T00:00:00Z");
    const near = new Date(due.getTime() - 60 * 60_000);
    const far = new Date(due.getTime() - 3 * 86_400_000);
    // Kim and Lee have results for light-lab; Mia and Ned do not.
    for (const actor of [who.kim!, who.lee!]) {
      const s = await send(actor, "light-lab", "done before", far);
      await t.handle.db.update(submissions).set({ status: "graded", gradedAt: far }).where(eq(submissions.id, s.id));
    }
    // Oli's extension moves his deadline two days on: at `near` he is not near his own deadline.
    await upsertExtension(t.handle.db, { userId: who.oli!.id, assignment: "light-lab", until: new Date(due.getTime() + 2 * 86_400_000), reason: "ill", grantedBy: who.prof!.id });
    const oli = await send(who.oli!, "light-lab", "oli first near the original due date", near);
    expect(oli.priority).toBe(PRIORITY.first);
    const order = [
      await send(who.kim!, "light-lab", "kim resubmits far", far),
      await send(who.mia!, "light-lab", "mia first far", far),
      await send(who.lee!, "light-lab", "lee resubmits near", near),
      await send(who.ned!, "light-lab", "ned first near", near),
    ];
    expect(order.map((s) => s.priority)).toEqual([PRIORITY.other, PRIORITY.first, PRIORITY.nearDeadline, PRIORITY.firstNearDeadline]);
    const boss = await getQueue(t.handle);
    expect((await boss.getJobById(GRADE_QUEUE, order[3]!.jobId!))?.priority).toBe(PRIORITY.firstNearDeadline);
    const fetched: string[] = [];
    for (;;) {
      const job = await fetchNextJob(t.handle.db, { queue: GRADE_QUEUE, training: TRAINING, splitsPhases: false, aging: AGING });
      if (!job) break;
      fetched.push((job.data as { submissionId: string }).submissionId);
    }
    // Oli's first (priority 2, sent before Mia's) comes between Ned's and Mia's.
    const ids = new Set([oli.id, ...order.map((s) => s.id)]);
    expect(fetched.filter((id) => ids.has(id))).toEqual([order[3]!.id, oli.id, order[1]!.id, order[2]!.id, order[0]!.id]);
  });
});
