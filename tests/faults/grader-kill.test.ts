/**
 * Fault injection (issue #11): `kill -9` a standalone grader process in the middle of a job, 20 times, starting a
 * replacement each time; every submission must still end graded exactly once with the right score.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeSubmission } from "@/graders/engine/grade";
import type { Actor } from "@/lib/context";
import { enqueueGrading, getQueue, stopQueue } from "@/lib/grading/queue";
import { submit } from "@/lib/submissions/submit";
import { createTestDb, type TestDb } from "../support/test-db";
import { FAST_TIMING_ENV, pidAlive, sandboxPids, sleep, spawnGrader, stopGrader, type GraderProcess } from "./support/graders";
import { recordFaultFigures } from "./support/summary";
import { makeStudents, openJobs, outcomes, pendingCount, runningAttempts, slow, solution, wrong } from "./support/submissions";

const KILLS = 20;
const GRADERS = 2;
const skipReason = process.env.TEST_DATABASE_URL ? null : "TEST_DATABASE_URL is unset: these faults need PostgreSQL";
if (skipReason) console.warn(`[faults] grader-kill skipped: ${skipReason}`);

describe.skipIf(!!skipReason)(`kill -9 of grader processes mid-job${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  let t: TestDb;
  let students: Actor[];
  const graders: GraderProcess[] = [];
  const logs: string[] = [];
  const expected = new Map<string, number>();

  beforeAll(async () => {
    t = await createTestDb("postgres");
    students = await makeStudents(t.handle.db, 3, "kill");
  });
  afterAll(async () => {
    await Promise.all(graders.map((g) => stopGrader(g)));
    await stopQueue();
    await t?.cleanup();
  });

  let n = 0;
  async function submitSome(count: number, wrongScore: number) {
    const boss = await getQueue(t.handle);
    for (let i = 0; i < count; i++, n++) {
      const [source, score] = n % 7 === 3 ? [slow, 10] : n % 3 === 1 ? [wrong, wrongScore] : [solution, 10];
      const sub = await submit({
        ctx: { db: t.handle.db, actor: students[n % students.length]!, supersede: false, enqueue: (job, jobId) => enqueueGrading(boss, job, jobId) },
        input: { assignment: "hello-tensor", source },
      });
      expected.set(sub.id, score);
    }
  }

  it(`grades every submission exactly once through ${KILLS} grader kills`, async () => {
    // The right score of the wrong source, from the engine itself without any fault.
    const reference = await gradeSubmission({ slug: "hello-tensor", source: wrong, seed: 1 });
    expect(reference.error).toBeNull();
    expect(reference.score).toBeLessThan(7);
    await submitSome(14, reference.score);
    const started = Date.now();
    for (let i = 0; i < GRADERS; i++) graders.push(spawnGrader(t.url!));

    let kills = 0;
    const killedSandboxes: number[] = [];
    const killLog: { at: number; running: string[] }[] = [];
    while (kills < KILLS) {
      if (Date.now() - started > 240_000) throw new Error(`only ${kills} kills in 240 s\n${graders.map((g) => g.log()).join("\n")}`);
      if ((await pendingCount(t.handle)) === 0) await submitSome(4, reference.score); // drained early: more work
      const running = await runningAttempts(t.handle);
      // At most two kills per submission: pg-boss gives each job three retries, and the fourth death is a failure.
      if (running.length > 0 && running.every((r) => r.attempts <= 2)) {
        // A grader that is grading right now: it has a sandbox (an esbuild child alone means nothing).
        const victim = graders.find((g) => g.alive() && sandboxPids(g.pid).length > 0);
        if (victim) {
          const sandboxes = sandboxPids(victim.pid);
          process.kill(victim.pid, "SIGKILL");
          await victim.exited;
          kills++;
          killedSandboxes.push(...sandboxes);
          killLog.push({ at: Date.now() - started, running: running.map((r) => `${r.id}#${r.attempts}`) });
          logs.push(victim.log());
          graders[graders.indexOf(victim)] = spawnGrader(t.url!);
        }
      }
      await sleep(100);
    }
    const lastKill = Date.now();
    // The survivors drain the queue, including every killed attempt the sweeper hands back.
    while ((await pendingCount(t.handle)) > 0) {
      if (Date.now() - lastKill > 180_000) throw new Error(`queue not drained 180 s after the last kill\n${graders.map((g) => g.log()).join("\n")}`);
      await sleep(250);
    }
    const drainMs = Date.now() - lastKill;
    const totalMs = Date.now() - started;

    const all = await outcomes(t.handle);
    const duplicates = all.filter((o) => o.results > 1).length;
    const lost = all.filter((o) => o.status !== "graded" || o.results === 0).length;
    const wrongScores = all.filter((o) => o.status === "graded" && o.score !== expected.get(o.id)).length;
    const retried = all.filter((o) => o.attempts > 1).length;
    // A killed grader's sandbox dies with it (bubblewrap --die-with-parent), so no orphan keeps burning CPU.
    await sleep(1_000);
    const orphanSandboxes = killedSandboxes.filter(pidAlive).length;
    recordFaultFigures("graderKill", {
      kills,
      graders: GRADERS,
      submissions: all.length,
      retriedSubmissions: retried,
      duplicates,
      lost,
      wrongScores,
      orphanSandboxes,
      drainAfterLastKillMs: drainMs,
      totalMs,
      staleAfterMs: Number(FAST_TIMING_ENV.GRADER_STALE_AFTER_MS),
    });
    console.log(`[faults] ${kills} kills, ${all.length} submissions (${retried} retried), drained ${drainMs} ms after the last kill, ${totalMs} ms in all`);

    expect(kills).toBe(KILLS);
    expect(all.length).toBe(expected.size);
    expect(all.filter((o) => o.results !== 1), JSON.stringify(killLog)).toEqual([]);
    for (const o of all) {
      expect(o.status, o.id).toBe("graded");
      expect(o.score, o.id).toBe(expected.get(o.id));
      expect(o.resultScores).toEqual([expected.get(o.id)]);
    }
    // At least half the kills hit an attempt mid-grading (each such kill costs its submission one more attempt; a
    // submission may be hit twice, so this counts attempts, not retried submissions).
    const extraAttempts = all.reduce((n, o) => n + o.attempts - 1, 0);
    expect(retried).toBeGreaterThan(0);
    expect(extraAttempts).toBeGreaterThanOrEqual(Math.ceil(KILLS / 2));
    expect(duplicates).toBe(0);
    expect(lost).toBe(0);
    expect(orphanSandboxes).toBe(0);
    expect(await openJobs(t.handle)).toEqual([]);
  }, 480_000);
});
