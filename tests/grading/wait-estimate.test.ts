/**
 * Queue position and the wait estimate (issue #20): the estimator's arithmetic, and the values a student gets from
 * getSubmission with measured gradings (grading_run), live graders (grader heartbeats) and jobs ahead in pg-boss.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertGrader } from "@/db/queries/graders";
import { gradingRuns, graders, submissions } from "@/db/schema";
import { queueSentence, waitRange } from "@/components/results/queue-wait";
import type { Actor } from "@/lib/context";
import { enqueueGrading, getQueue, stopQueue } from "@/lib/grading/queue";
import { durationStats, estimateRemaining, estimateWait } from "@/lib/grading/wait-estimate";
import { getSubmission } from "@/lib/submissions/get-submission";
import { submit } from "@/lib/submissions/submit";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";
import { makeActors, rushContent, TRAINING } from "./support/fake-engine";

const S = 1000;
const light = durationStats([8, 9, 10, 11, 12].map((x) => x * S))!;

describe("wait estimate arithmetic", () => {
  it("places the jobs ahead on the slots and spreads by the measured variance", () => {
    // 4 light jobs of mean 10 s (variance 2.5 s²) on 2 slots: this job starts at 20 s ± 1.2816·√10/2 s, then takes
    // its own 10th–90th percentile (8.4–11.6 s): 26.4 s → 25 (rounded down to 5 s), 33.6 s → 35 (up).
    const e = estimateWait({ slots: 2, ahead: [{ key: "l|all", n: 4 }], running: [], own: { key: "l|all", training: false }, stats: new Map([["l|all", light]]) });
    expect(e).toEqual({ lowSeconds: 25, highSeconds: 35, unknownReason: null, graders: 2, samples: 5, medianSeconds: 10 });
  });

  it("counts what is left of running jobs, and a student's own running training job", () => {
    const train = durationStats([60, 70, 80, 90, 100].map((x) => x * S))!;
    const stats = new Map([["l|all", light], ["t|all", train]]);
    // One slot busy with a training job that ran 75 s: left are 5, 15, 25 s (mean 15). Nothing ahead.
    const e = estimateWait({ slots: 1, ahead: [], running: [{ key: "t|all", elapsedMs: 75 * S }], own: { key: "l|all", training: false }, stats });
    const spread = (1.2816 * Math.sqrt(100)) / 1; // sd of (5, 15, 25) is 10 s
    expect(e.lowSeconds).toBe(Math.floor((15 - spread + 8.4) / 5) * 5);
    expect(e.highSeconds).toBe(Math.ceil((15 + spread + 11.6) / 5) * 5);
    // Two free slots, but the student's own training job runs: a training job of theirs waits for it.
    const own = estimateWait({
      slots: 3,
      ahead: [],
      running: [{ key: "t|all", elapsedMs: 75 * S, sameStudentTraining: true }],
      own: { key: "t|all", training: true },
      stats,
    });
    expect(own.lowSeconds).toBe(Math.floor((7 + 64) / 5) * 5); // p10 of (5, 15, 25) is 7 s; own p10 64 s
    expect(estimateRemaining(train, 75 * S)).toEqual({ lowSeconds: 5, highSeconds: 25 });
  });

  it("says unknown, and why, without graders or measurements", () => {
    const stats = new Map([["l|all", light], ["new|all", durationStats([5 * S, 6 * S])]]);
    expect(estimateWait({ slots: 0, ahead: [], running: [], own: { key: "l|all", training: false }, stats }).unknownReason).toBe("no grader is running right now");
    const e = estimateWait({ slots: 2, ahead: [{ key: "new|all", n: 1 }], running: [], own: { key: "l|all", training: false }, stats, label: (k) => k.split("|")[0]! });
    expect(e).toMatchObject({ lowSeconds: null, highSeconds: null, unknownReason: "fewer than 3 gradings of new have been measured so far" });
    expect(estimateRemaining(durationStats([1, 2]), 0)).toBeNull();
  });

  it("renders the sentence a student reads", () => {
    expect(waitRange(25, 35)).toBe("25 s–35 s");
    expect(waitRange(0, 10)).toBe("under 10 s");
    expect(waitRange(120, 300)).toBe("2 min–5 min");
    const q = { position: 4, graders: 2, lowSeconds: 25, highSeconds: 35, unknownReason: null, samples: 5, medianSeconds: 10 };
    expect(queueSentence("queued", q)).toBe("4 submissions ahead of you — result expected in 25 s–35 s (2 graders running; a grading of this assignment took 10 s (median of the last 5))");
    expect(queueSentence("queued", { ...q, position: 0, lowSeconds: null, highSeconds: null, unknownReason: "no grader is running right now" })).toBe(
      "you are next — result expected in: unknown (no grader is running right now)",
    );
  });
});

describe.each(testDbKinds)("queue position and estimate from getSubmission on %s", (kind) => {
  let t: TestDb;
  let who: Record<string, Actor>;
  beforeAll(async () => {
    t = await createTestDb(kind);
    who = await makeActors(t, ["ann", "ben", "cat", "dan", "eve", "fay"]);
  });
  afterAll(async () => {
    await stopQueue();
    await t?.cleanup();
  });

  it("counts the jobs ahead in the fair order and estimates from measured durations and live graders", async () => {
    const boss = await getQueue(t.handle);
    const send = (actor: Actor, assignment: string, source: string) =>
      submit({ ctx: { db: t.handle.db, actor, contentDir: rushContent, enqueue: (job, jobId) => enqueueGrading(boss, job, jobId) }, input: { assignment, source } });
    const view = async (actor: Actor, id: string) => (await getSubmission({ ctx: { db: t.handle.db, actor, freshQueue: true }, input: { id } })).queue;
    const mine = await send(who.ann!, "light-lab", "ann");
    expect(await view(who.ann!, mine.id)).toMatchObject({ position: 0, graders: 0, lowSeconds: null, unknownReason: "no grader is running right now" });

    // Two live grader slots; a training lab measured 5 times, the light lab too.
    await upsertGrader(t.handle.db, { id: "g1", host: "h", pid: 1, slots: 2, training: TRAINING, splitsPhases: false });
    const runs = (assignment: string, seconds: number[]) =>
      t.handle.db.insert(gradingRuns).values(
        seconds.map((s) => ({ submissionId: mine.id, assignment, phase: "all", outcome: "graded", startedAt: new Date(), durationMs: s * S, cpuMs: s * S })),
      );
    await runs("train-lab", [60, 70, 80, 90, 100]);
    expect(await view(who.ann!, mine.id)).toMatchObject({ position: 0, graders: 2, unknownReason: "fewer than 3 gradings of light-lab have been measured so far" });
    await runs("light-lab", [8, 9, 10, 11, 12]);
    expect(await view(who.ann!, mine.id)).toEqual({ position: 0, graders: 2, lowSeconds: 5, highSeconds: 15, unknownReason: null, samples: 5, medianSeconds: 10 });

    // A training job queued before Ann's light job is behind it; four light jobs sent after hers are too.
    const training = await send(who.ben!, "train-lab", "ben");
    for (const actor of [who.cat!, who.dan!, who.eve!, who.fay!]) await send(actor, "light-lab", "later");
    expect((await view(who.ann!, mine.id))?.position).toBe(0);
    const ben = await view(who.ben!, training.id);
    // Ben waits for the five light jobs (2 slots: 30 s, then 20 s on the other) and trains 64–96 s.
    expect(ben?.position).toBe(5);
    expect(ben?.lowSeconds).toBe(Math.floor((20 - (1.2816 * Math.sqrt(5 * 2.5)) / 2 + 64) / 5) * 5);
    expect(ben?.highSeconds).toBe(Math.ceil((20 + (1.2816 * Math.sqrt(5 * 2.5)) / 2 + 96) / 5) * 5);

    // Running: what is left of it. A grader silent past the stale limit no longer counts.
    await t.handle.db.update(submissions).set({ status: "running", startedAt: new Date(Date.now() - 75 * S) }).where(eq(submissions.id, training.id));
    expect(await view(who.ben!, training.id)).toMatchObject({ position: null, lowSeconds: 5, highSeconds: 25 });
    await t.handle.db.update(graders).set({ heartbeatAt: new Date(Date.now() - 3_600_000) });
    expect(await view(who.ann!, mine.id)).toMatchObject({ graders: 0, lowSeconds: null });
    // Graded: no queue field at all.
    await t.handle.db.update(submissions).set({ status: "graded" }).where(eq(submissions.id, mine.id));
    expect(await view(who.ann!, mine.id)).toBeNull();
  });
});
