/**
 * The fair fetch in SQL (db/queries/grading-queue.ts) takes jobs in exactly the order of lib/grading/schedule.ts
 * pickNext, on random queues; and two-phase grading runs the cheap phase of every queued submission before any
 * expensive phase, through the real worker with a fake engine that splits phases.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fetchNextJob } from "@/db/queries/grading-queue";
import { findSubmission } from "@/db/queries/submissions";
import { gradingResults, gradingRuns, submissions } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { enqueueGrading, getQueue, GRADE_QUEUE, stopQueue } from "@/lib/grading/queue";
import { AGING, compareJobs, pickNext, type GradePhase, type SchedJob, type SchedPolicy } from "@/lib/grading/schedule";
import { startGradingWorkers, type WorkerHandle } from "@/lib/grading/worker";
import { submit } from "@/lib/submissions/submit";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";
import { fakeEngine, makeActors, rushContent, TRAINING, waitFor, type Call } from "./support/fake-engine";

/** A small deterministic generator (tests must not use Math.random for what they assert on). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe.each(testDbKinds)("queue order on %s", (kind) => {
  let t: TestDb;
  let who: Record<string, Actor>;
  let workers: WorkerHandle | null = null;
  beforeAll(async () => {
    t = await createTestDb(kind);
    who = await makeActors(t, ["ann", "ben", "cat"]);
  });
  afterEach(async () => {
    await workers?.stop();
    workers = null;
    await t.handle.executeSql(`delete from pgboss.job where name = '${GRADE_QUEUE}'`).catch(() => undefined);
  });
  afterAll(async () => {
    await stopQueue();
    await t?.cleanup();
  });

  for (const splitsPhases of [false, true]) {
    it(`fetches in schedule.ts order on random queues (splitsPhases ${splitsPhases})`, async () => {
      const boss = await getQueue(t.handle);
      const policy: SchedPolicy = { training: new Set(TRAINING), splitsPhases };
      const random = rng(splitsPhases ? 7 : 3);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
      let heldBack = 0;
      for (let round = 0; round < 4; round++) {
        await t.handle.executeSql(`delete from pgboss.job where name = '${GRADE_QUEUE}'`);
        const n = 30;
        for (let i = 0; i < n; i++) {
          const data = {
            submissionId: crypto.randomUUID(),
            reason: "submit" as const,
            student: pick(["s1", "s2", "s3", "s4"]),
            assignment: pick(["light-lab", "train-lab", "train-lab-b"]),
            phase: pick<GradePhase>(["all", "all", "cheap", "expensive"]),
            priority: pick([0, 1, 2, 3]),
          };
          await enqueueGrading(boss, data, crypto.randomUUID());
        }
        // A fifth of them waited 6 minutes already: past AGING_MS they rank as the top priority.
        await t.handle.executeSql(
          `update pgboss.job set created_on = created_on - interval '6 minutes' where name = '${GRADE_QUEUE}' and id in (select id from pgboss.job where name = '${GRADE_QUEUE}' order by id limit 6)`,
        );
        const { rows } = await t.handle.executeSql(
          `select id, priority, (extract(epoch from created_on) * 1000000)::bigint::text as us, data from pgboss.job where name = '${GRADE_QUEUE}'`,
        );
        const queued: SchedJob[] = rows.map((r) => {
          const d = r.data as { student: string; assignment: string; phase: GradePhase };
          return { id: r.id as string, priority: Number(r.priority), createdOn: Number(r.us) / 1000, phase: d.phase, assignment: d.assignment, student: d.student };
        });
        // Fetch until nothing may run, then finish the oldest running job; the model does the same.
        const running: SchedJob[] = [];
        const modelRunning: SchedJob[] = [];
        const left = [...queued];
        for (let step = 0; step < 3 * n && left.length; step++) {
          const now = Date.now();
          const expected = pickNext(left, modelRunning, policy, now);
          const first = [...left].sort((a, b) => compareJobs(a, b, policy, now))[0];
          if (first !== expected) heldBack++;
          const got = await fetchNextJob(t.handle.db, { queue: GRADE_QUEUE, training: TRAINING, splitsPhases, aging: AGING });
          expect(got?.id ?? null, `round ${round} step ${step}`).toBe(expected?.id ?? null);
          if (expected) {
            left.splice(left.indexOf(expected), 1);
            modelRunning.push(expected);
            running.push(expected);
          } else {
            const done = running.shift()!;
            modelRunning.splice(modelRunning.indexOf(done), 1);
            await boss.complete(GRADE_QUEUE, done.id);
          }
        }
        expect(left).toEqual([]);
      }
      // Rule 2 did hold jobs back (a student's second training job while the first ran).
      expect(heldBack).toBeGreaterThan(3);
    });
  }

  it("runs the cheap phase of every queued submission before any expensive phase (two-phase engine)", async () => {
    const boss = await getQueue(t.handle);
    const send = (actor: Actor, assignment: string, source: string) =>
      submit({ ctx: { db: t.handle.db, actor, contentDir: rushContent, enqueue: (job, jobId) => enqueueGrading(boss, job, jobId) }, input: { assignment, source } });
    const subs = [
      await send(who.ann!, "train-lab", "ann correct"),
      await send(who.ben!, "train-lab-b", "ben correct"),
      await send(who.cat!, "light-lab", "cat correct"),
      await send(who.cat!, "train-lab", "cat wrong"),
    ];
    const calls: Call[] = [];
    workers = await startGradingWorkers(t.handle, fakeEngine({ ms: (_slug, phase) => (phase === "expensive" ? 200 : 50), splitsPhases: true, calls }), {
      concurrency: 1,
      pollMs: 20,
    });
    for (const s of subs) await waitFor(`${s.id} graded`, async () => (await findSubmission(t.handle.db, s.id))?.status === "graded");
    expect(calls.map((c) => `${c.source}:${c.phase}`)).toEqual([
      "ann correct:cheap",
      "ben correct:cheap",
      "cat correct:all",
      "cat wrong:cheap", // a wrong submission's cheap phase needs no experiment: its result is final
      "ann correct:expensive",
      "ben correct:expensive",
    ]);
    // The expensive phase was handed the cheap result, and each submission has one result and no partial left.
    expect(calls.find((c) => c.phase === "expensive")?.prior).toMatchObject({ score: 10, pending_expensive: true });
    for (const s of subs) {
      expect(await t.handle.db.select().from(gradingResults).where(eq(gradingResults.submissionId, s.id))).toHaveLength(1);
      const [row] = await t.handle.db.select({ partial: submissions.partialResult }).from(submissions).where(eq(submissions.id, s.id));
      expect(row!.partial).toBeNull();
    }
    const runs = await t.handle.db.select().from(gradingRuns).where(eq(gradingRuns.submissionId, subs[0]!.id));
    expect(runs.map((r) => [r.phase, r.outcome]).sort()).toEqual([["cheap", "partial"], ["expensive", "graded"]]);
    expect(runs.every((r) => r.cpuMs !== null && r.durationMs >= 40)).toBe(true);
  });
});
