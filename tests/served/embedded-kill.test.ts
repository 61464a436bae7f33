/**
 * Fault injection (issue #11): kill -9 of the whole production server in embedded mode (PGlite, grading in
 * process) while it grades, several times, restarting it on the same folder. Every submission must end graded
 * exactly once and the folder must open cleanly; a damaged folder must be reported clearly at start.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { recordFaultFigures } from "../faults/support/summary";
import { makeStudents, outcomes, openJobs, solution, wrong } from "../faults/support/submissions";
import { FAST_TIMING_ENV } from "../faults/support/graders";
import { freePortIn, signIn } from "../../scripts/bench/load-processes";
import { startEmbeddedServer, startExpectingFailure, type EmbeddedServer } from "./embedded-kill-support";
import { servedBuild } from "./support/served-env";

const KILLS = 5;
/** Four submissions, then one after each kill, each by its own student: a student's second submission sent while
 * the first still waits would supersede it (issue #20), and this test wants every one graded. */
const POSTS = 4 + KILLS;
const build = servedBuild();
const skipReason = "skip" in build ? build.skip : null;
if (skipReason) console.warn(`[faults] embedded-kill skipped: ${skipReason}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!!skipReason)(`kill -9 of the embedded server mid-job${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-embedded-kill-"));
  const pgliteDir = path.join(root, "pglite");
  let server: EmbeddedServer | null = null;
  let port = 0;
  const start = () => startEmbeddedServer({ distDir: (build as { dir: string }).dir, port, pgliteDir, env: FAST_TIMING_ENV });

  beforeAll(async () => {
    port = await freePortIn(3240, 3289);
    // The accounts exist before the server owns the folder (PGlite has one owner at a time).
    const handle = await openDb({ kind: "pglite", dir: pgliteDir });
    await makeStudents(handle.db, POSTS, "embedded");
    await handle.close();
  });
  afterAll(async () => {
    await server?.kill9();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it(`grades every submission exactly once through ${KILLS} server kills`, async () => {
    const t0 = Date.now();
    server = await start();
    const cookies: string[] = [];
    for (let i = 0; i < POSTS; i++) cookies.push(await signIn(server.baseUrl, `s${i}-embedded@example.org`, "student-pass-12"));
    const expected = new Map<string, number>();
    const owner = new Map<string, string>();
    const post = async (source: string, score: number) => {
      const cookie = cookies[expected.size]!;
      const res = await fetch(`${server!.baseUrl}/api/submissions`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ assignment: "hello-tensor", source }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const id = ((await res.json()) as { id: string }).id;
      expected.set(id, score);
      owner.set(id, cookie);
    };
    const status = async (id: string) => {
      const res = await fetch(`${server!.baseUrl}/api/submissions/${id}`, { headers: { cookie: owner.get(id)! } });
      return ((await res.json()) as { status: string }).status;
    };
    for (let i = 0; i < 4; i++) await post(i % 2 ? wrong : solution, i % 2 ? -1 : 10);

    let kills = 0;
    const killed = new Map<string, number>();
    const restartMs: number[] = [];
    while (kills < KILLS) {
      // Wait for a job in flight, then kill the whole server.
      // At most two kills per submission: its job has three retries, and a fourth death would fail it by design.
      let running: string | undefined;
      for (let i = 0; i < 300 && !running; i++) {
        for (const id of expected.keys()) if ((killed.get(id) ?? 0) < 2 && (await status(id)) === "running") running = id;
        if (!running) await sleep(50);
      }
      expect(running, `no submission ever ran\n${server.log()}`).toBeDefined();
      await server.kill9();
      killed.set(running!, (killed.get(running!) ?? 0) + 1);
      kills++;
      const t = Date.now();
      server = await start();
      restartMs.push(Date.now() - t);
      await post(kills % 2 ? wrong : solution, kills % 2 ? -1 : 10);
    }
    const lastKill = Date.now();
    for (;;) {
      const states = await Promise.all([...expected.keys()].map(status));
      if (states.every((s) => s === "graded" || s === "failed")) break;
      if (Date.now() - lastKill > 120_000) throw new Error(`not drained: ${states.join(",")}\n${server.log()}`);
      await sleep(250);
    }
    const drainMs = Date.now() - lastKill;
    await server.stop();
    server = null;

    // The folder opens cleanly in another process, and the database holds exactly one result per submission.
    const handle = await openDb({ kind: "pglite", dir: pgliteDir });
    const all = await outcomes(handle);
    const jobs = await openJobs(handle);
    await handle.close();
    const wrongScore = all.find((o) => expected.get(o.id) === -1)?.score;
    const duplicates = all.filter((o) => o.results > 1).length;
    const lost = all.filter((o) => o.status !== "graded" || o.results === 0).length;
    recordFaultFigures("embeddedServerKill", {
      kills,
      submissions: all.length,
      retriedSubmissions: all.filter((o) => o.attempts > 1).length,
      duplicates,
      lost,
      restartMs,
      drainAfterLastKillMs: drainMs,
      totalMs: Date.now() - t0,
    });
    expect(all.length).toBe(expected.size);
    expect(duplicates).toBe(0);
    expect(lost).toBe(0);
    expect(all.filter((o) => o.attempts > 1).length).toBeGreaterThanOrEqual(1);
    for (const o of all) {
      const want = expected.get(o.id) === -1 ? wrongScore : 10;
      expect(o.resultScores, o.id).toEqual([want]);
    }
    expect(wrongScore).toBeLessThan(7);
    expect(jobs).toEqual([]);
  }, 360_000);

  it("reports a damaged database folder at start in one clear sentence", async () => {
    const damaged = path.join(root, "damaged");
    fs.cpSync(pgliteDir, damaged, { recursive: true });
    const control = path.join(damaged, "global", "pg_control");
    fs.writeFileSync(control, Buffer.alloc(fs.statSync(control).size, 0x5a));
    const res = await startExpectingFailure({ distDir: (build as { dir: string }).dir, port, pgliteDir: damaged, env: FAST_TIMING_ENV });
    expect(res.exited, res.log).toBe(true);
    expect(res.code).toBe(1);
    expect(res.log).toContain(`[unlabeled] cannot start: The embedded database in ${damaged} could not be opened (PGlite failed to initialize properly).`);
    expect(res.log).toMatch(/may be damaged.*restore the folder from a backup/);
    expect(res.log).not.toMatch(/\n\s+at /);
  }, 120_000);
});
