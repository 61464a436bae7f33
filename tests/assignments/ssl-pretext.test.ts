/**
 * ssl-pretext through the real engine: the reference and an independently written solution pass, the starter
 * fails, each wrong variant fails the cheap check that names its mistake (so the experiment is skipped), and
 * regrading is reproducible. The pretraining experiment (informational, 0 points; 70–75 s of CPU) runs in CI once,
 * for the reference only; its determinism is checked on a tiny configuration of the same code, and its re-check of
 * the pretext data without training. The alternative solution is graded with UNLABELED_FULL=1.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { gradeSubmission } from "@/graders/engine/grade";
import type { GradeResult } from "@/graders/engine/result";
import { EXPERIMENT, runExperiment } from "@/content/assignments/ssl-pretext/hidden/experiment";
import { tensor } from "@/graders/engine/host-values";
import { DESIGN, pairedSummary, pretrainingCheck, trainingPool } from "@/content/assignments/ssl-pretext/hidden/pretraining-check";
import { rotate } from "@/content/assignments/ssl-pretext/hidden/rotations";
import { stratifiedSubset } from "@/graders/tf/data/mnist";
import { createRng } from "@/graders/tf/rng";

const SLUG = "ssl-pretext";
const FULL = process.env.UNLABELED_FULL === "1";
const CAPS = { wallSeconds: 60, cpuSeconds: 120, memoryMb: 1024 };
const read = (file: string) => readFileSync(file, "utf8");
const fixture = (name: string) => read(`tests/fixtures/submissions/${SLUG}/${name}.ts`);
const grade = (source: string, seed = 3) => gradeSubmission({ slug: SLUG, source, seed, limitCaps: CAPS });
const byCheck = (r: GradeResult) => Object.fromEntries(r.tests.map((t) => [t.check, t]));
const withoutTimes = (r: GradeResult) => ({ ...r, execution_time: 0, tests: r.tests.map((t) => ({ ...t, execution_time: 0 })) });
const SCORED = ["rotations", "label-balance", "keeps-input"];

describe("ssl-pretext grader", () => {
  test("the reference solution scores 100% and the experiment reports both accuracies", { timeout: 480_000 }, async () => {
    const result = await grade(read(`content/assignments/${SLUG}/hidden/solution.ts`));
    expect(result.score).toBe(result.max_score);
    for (const check of SCORED) expect(byCheck(result)[check]!.status, check).toBe("passed");
    const experiment = byCheck(result)["pretraining-helps"]!;
    expect(experiment.max_score).toBe(0);
    expect(experiment.output).toMatch(/pretrained \d+\.\d%, from scratch \d+\.\d%; difference -?\d+\.\d% \(95% lower bound -?\d+\.\d%; 90% interval -?\d+\.\d% to -?\d+\.\d%\)\. (Pretraining on your task helps|The lower bound is not above zero)/);
    expect(experiment.output).toContain("tested on 3001 held-out digits");
    expect(experiment.output.match(/^seed \d+: pretrained \d+\.\d%, from scratch \d+\.\d%, difference -?\d+\.\d%/gm)).toHaveLength(DESIGN.seeds);
    expect(experiment.artifacts.map((a) => a.name)).toEqual(["Test accuracy per seed", "Paired test accuracy (%)", "Rotation pretext loss"]);
    expect(JSON.stringify(result)).not.toContain("unlabeled-hidden-");
  });

  test("the pretraining experiment is bitwise reproducible (tiny configuration)", { timeout: 120_000 }, async () => {
    const pool = trainingPool(5, 200);
    const rng = createRng(6);
    const labels = Array.from({ length: pool.count }, () => Math.floor(rng() * 4));
    const images = new Float32Array(pool.images.length);
    labels.forEach((k, i) => images.set(rotate({ side: 28, channels: 1, data: pool.images.subarray(i * 784, (i + 1) * 784) }, k), i * 784));
    const labelled = stratifiedSubset(pool, 20);
    const test = { images: pool.images.subarray(0, 100 * 784), labels: pool.labels.subarray(0, 100), count: 100 };
    const config = { ...EXPERIMENT, pretextEpochs: 1, fineTuneEpochs: 2, warmupEpochs: 1 };
    const run = () => runExperiment({ images, labels, count: pool.count }, labelled, test, [1, 2], config);
    const [first, second] = [await run(), await run()];
    expect(first).toEqual(second);
    expect(first.every((r) => r.pretrained > 0 && r.scratch > 0 && r.pretextLoss.length === 1)).toBe(true);
  });

  test("the experiment re-verifies the pretext data: a task whose labels disagree with its rotations scores 0 before any training", async () => {
    const ctx = { assignment: SLUG, checkId: "pretraining-helps", seed: 4, rng: createRng(4), root: process.cwd(), dir: "content/assignments/ssl-pretext" };
    const { input, hidden: pool } = await pretrainingCheck.prepare(ctx);
    // Clockwise turns labelled as counter-clockwise ones: k = i mod 4, so image 1 is the first that disagrees.
    const ks = Int32Array.from({ length: pool.count }, (_, i) => i % 4);
    const x = new Float32Array(pool.images.length);
    ks.forEach((k, i) => x.set(rotate({ side: 28, channels: 1, data: pool.images.subarray(i * 784, (i + 1) * 784) }, (4 - k) % 4), i * 784));
    const value = { x: tensor(x, [pool.count, 28, 28, 1]), y: tensor(ks, [pool.count], "int32") };
    const output = { calls: input.calls.map(() => ({ value, ms: 0, newTensors: 0, inputsDisposed: false, draws: 0 })) };
    const started = performance.now();
    const scored = await pretrainingCheck.score(output as Parameters<typeof pretrainingCheck.score>[0], pool, ctx);
    expect(scored.fraction).toBe(0);
    expect(scored.feedback).toBe("On the training digits, x[1] is not images[1] rotated by its label y[1] = 1.");
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test("the paired bound is Student's t over the seeds (one-sided 95%)", () => {
    const seeds = [0.02, 0.01, 0.03, 0.02].map((d, i) => ({ seed: i, pretrained: 0.8 + d, scratch: 0.8, pretextLoss: [], pretextAccuracy: 0 }));
    const s = pairedSummary(seeds);
    const sd = Math.sqrt((2 * 0.01 ** 2) / 3);
    expect(s.mean).toBeCloseTo(0.02, 12);
    expect(s.lower).toBeCloseTo(0.02 - 2.353 * sd / 2, 12);
    expect(s.upper).toBeCloseTo(0.02 + 2.353 * sd / 2, 12);
    expect(() => pairedSummary(seeds.slice(0, 1))).toThrow(/needs 2 to 21 paired seeds/);
  });

  test("regrading with the same seed gives the same result", async () => {
    const source = fixture("clockwise");
    expect(withoutTimes(await grade(source, 11))).toEqual(withoutTimes(await grade(source, 11)));
  });

  test.skipIf(!FULL)("an independently written correct solution passes every scored check (UNLABELED_FULL=1: runs its experiment too)", { timeout: 240_000 }, async () => {
    const source = fixture("correct-gather");
    const result = await grade(source, 8);
    for (const check of SCORED) expect(byCheck(result)[check]!.status, check).toBe("passed");
    expect(result.score).toBe(result.max_score);
  });

  test("the starter compiles and fails", async () => {
    const result = await grade(read(`content/assignments/${SLUG}/starter.ts`));
    expect(result.passed).toBe(false);
    expect(result.score).toBe(0);
    expect(byCheck(result).rotations!.output).toMatch(/not implemented yet/);
    expect(byCheck(result)["pretraining-helps"]!.output).toMatch(/^Skipped/);
  });

  const wrong: Array<[string, string, RegExp]> = [
    ["clockwise", "rotations", /rotated clockwise .* rotation direction and the labels are inconsistent/],
    ["transpose-only", "rotations", /a transpose .* not a rotation/],
    ["labels-off-by-one", "rotations", /off by one quarter turn/],
    ["float-labels", "rotations", /y must be an int32 tensor/],
    ["same-k-for-batch", "label-balance", /got the same k: draw k independently/],
    ["three-rotations", "label-balance", /k = 3 never occurs/],
    ["math-random", "label-balance", /never from Math\.random/],
    ["disposes-input", "keeps-input", /disposed its input images/],
  ];
  for (const [name, check, pattern] of wrong) {
    test(`wrong variant '${name}' fails '${check}' with feedback naming the mistake`, async () => {
      const result = await grade(fixture(name));
      expect(result.passed).toBe(false);
      const tests = byCheck(result);
      expect(tests[check]!.status).toBe("failed");
      expect(tests[check]!.output).toMatch(pattern);
      const experiment = tests["pretraining-helps"]!;
      expect(experiment.output).toMatch(/^Skipped: this check needs .+ to pass first/);
      expect([experiment.score, experiment.max_score]).toEqual([0, 0]);
    });
  }
});
