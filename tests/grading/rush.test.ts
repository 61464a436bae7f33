/**
 * The rush bench (issue #20), CI-sized, on PostgreSQL (skipped without TEST_DATABASE_URL): real gradings by a real
 * grader process give core-seconds; a simulated rush of 40 students on the three training labs finds the cores for
 * results within 10 minutes; a time-compressed replay of its arrivals through the real queue agrees with the
 * simulation and never runs two training gradings of one student at once. The full run: `npm run bench -- rush`.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { checkoutBefore } from "../../scripts/bench/rush-before";
import { coresNeeded, figures, runRush } from "../../scripts/bench/rush-run";
import { measureLabs } from "../../scripts/bench/rush-measure";
import { simulate, type LabModel } from "../../scripts/bench/rush-model";
import { replayRush } from "../../scripts/bench/rush-replay";

const adminUrl = process.env.TEST_DATABASE_URL;
const LABS = ["augmentation", "overfitting-10pct", "ssl-pretext"];

describe.skipIf(!adminUrl)(`rush bench, CI-sized${adminUrl ? "" : " (skipped: TEST_DATABASE_URL is not set)"}`, () => {
  it("measures real gradings: the reference solution scores full marks, the starter fails, both cost CPU", async () => {
    const m = await measureLabs({ adminUrl: adminUrl!, labs: ["hello-tensor"], samples: 1, graders: 1, timeoutS: 120, log: () => undefined });
    const trains = m.samples.find((s) => s.kind === "trains")!;
    const fails = m.samples.find((s) => s.kind === "fails")!;
    expect(trains).toMatchObject({ lab: "hello-tensor", status: "graded", score: 10, maxScore: 10 });
    expect(fails.score).toBeLessThan(7);
    for (const s of [trains, fails]) {
      expect(s.coreS).toBeGreaterThan(0.05);
      expect(s.wallS).toBeGreaterThan(0);
    }
    // The grader classed the training labs from their checks' wall-clock limits.
    expect(m.training).toEqual(expect.arrayContaining(LABS));
    expect(m.training).not.toContain("hello-tensor");
  }, 120_000);

  it("simulates a rush, finds the cores for results within 10 minutes, and the real queue replays it alike", async () => {
    // Service times of the order measured in docs/benchmarks.md (inputs of the test, not results).
    const labs: LabModel[] = [
      { slug: "augmentation", daily: 5, cooldownS: 300, service: { trains: [60, 75, 90], fails: [2, 3] } },
      { slug: "overfitting-10pct", daily: 10, cooldownS: 60, service: { trains: [20, 25], fails: [1, 2] } },
      { slug: "ssl-pretext", daily: 10, cooldownS: 120, service: { trains: [30, 40], fails: [1, 2] } },
    ];
    const base = { students: 40, labs, windowS: 600, training: LABS, seed: 7 };
    const need = coresNeeded((cores) => simulate({ ...base, cores, fair: true }), 600)!;
    expect(need.result.maxLatencyS).toBeLessThanOrEqual(600);
    if (need.cores > 1) expect(simulate({ ...base, cores: need.cores - 1, fair: true }).maxLatencyS).toBeGreaterThan(600);
    const sim = need.result;
    for (const [lab, l] of Object.entries(sim.labs)) expect(l.latenciesS.length + l.superseded, lab).toBe(l.submitted);
    // Fewer cores than needed: the fair queue gives first results sooner than first come, first served.
    const tight = Math.max(1, Math.floor(need.cores / 2));
    const first = (fair: boolean) => Object.values(figures(simulate({ ...base, cores: tight, fair }).labs)).map((f) => f.firstP95S);
    const [fairFirst, fifoFirst] = [first(true), first(false)];
    expect(Math.max(...fairFirst)).toBeLessThan(Math.max(...fifoFirst));

    const replay = await replayRush({ adminUrl: adminUrl!, labs: LABS, training: LABS, arrivals: sim.arrivals, students: 40, windowS: 600, cores: need.cores, compress: 30, log: () => undefined });
    const open = simulate({ ...base, cores: need.cores, fair: true, script: sim.arrivals });
    expect(replay.trainingOverlaps).toBe(0);
    const count = (r: { labs: Record<string, { latenciesS: number[]; superseded: number }> }) => Object.values(r.labs).reduce((n, l) => n + l.latenciesS.length + l.superseded, 0);
    expect(count(replay) + replay.refused).toBe(sim.arrivals.length);
    expect(replay.refused).toBeLessThanOrEqual(Math.ceil(sim.arrivals.length * 0.05));
    // Same arrivals, same rules: the replay's latencies match the simulation's within the queue's own overheads
    // (polling and transactions, magnified 30× by the compression).
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;
    const all = (r: { labs: Record<string, { latenciesS: number[] }> }) => Object.values(r.labs).flatMap((l) => l.latenciesS);
    expect(Math.abs(p95(all(replay)) - p95(all(open)))).toBeLessThan(0.25 * p95(all(open)) + 30);
    console.log(`[rush] CI-sized: ${sim.arrivals.length} submissions, ${need.cores} cores; p95 simulated ${p95(all(open)).toFixed(1)} s, replayed ${p95(all(replay)).toFixed(1)} s; replay ${replay.wallS} s`);
  }, 120_000);

  it("--before REF measures REF's own graders in a worktree in the same run and compares them with this checkout's", async () => {
    const head = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
    const r = await runRush({
      adminUrl: adminUrl!, students: 5, labs: ["hello-tensor"], windowS: 600, graders: 1, samples: 1, baseline: "hello-tensor",
      targetS: 600, seed: 1, compress: 0, measureTimeoutS: 240, before: "HEAD", log: () => undefined,
    });
    const b = r.before!;
    expect(b.commit).toBe(head);
    // Both checkouts graded their reference to full marks and their starter below it, at a measured CPU cost.
    for (const lab of [b.perLab["hello-tensor"]!, r.measured.perLab["hello-tensor"]!]) {
      expect(lab.trainsScores.every((x) => x === "10/10")).toBe(true);
      expect(lab.failsScores.every((x) => x !== "10/10")).toBe(true);
      expect(lab.trainsCoreS.mean).toBeGreaterThan(0.05);
    }
    // The same code on both sides: the ratio is near 1 (a shared machine's noise, not a speed-up).
    expect(b.ratios["hello-tensor"]!.trains).toBeGreaterThan(0.2);
    expect(b.ratios["hello-tensor"]!.trains).toBeLessThan(5);
    expect(b.coresNeeded.fair).toBeGreaterThanOrEqual(1);
    // The worktree is gone, and a ref that is no commit is refused with its name.
    expect(execFileSync("git", ["worktree", "list"], { encoding: "utf8" })).not.toContain("unlabeled-before-");
    expect(() => checkoutBefore("no-such-ref-anywhere")).toThrow("--before no-such-ref-anywhere: not a commit of this repository");
  }, 400_000);
});
