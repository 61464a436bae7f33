/**
 * overfitting-10pct through the real engine path. In CI the training experiment runs only for the correct
 * solutions (every wrong fixture fails a cheap check and must skip it); UNLABELED_FULL=1 adds a full regrade.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { gradeSubmission } from "@/graders/engine/grade";
import type { GradeResult } from "@/graders/engine/result";

const SLUG = "overfitting-10pct";
const FULL = process.env.UNLABELED_FULL === "1";
const read = (file: string) => readFileSync(file, "utf8");
const fixture = (name: string) => read(`tests/fixtures/submissions/${SLUG}/${name}.ts`);
const grade = (source: string, seed = 3) => gradeSubmission({ slug: SLUG, source, seed, limitCaps: { wallSeconds: 20, cpuSeconds: 30, memoryMb: 512 } });
const status = (r: GradeResult) => Object.fromEntries(r.tests.map((t) => [t.check, t.status]));
const output = (r: GradeResult, check: string) => r.tests.find((t) => t.check === check)?.output ?? "";
const stable = (r: GradeResult) => ({ ...r, execution_time: 0, tests: r.tests.map((t) => ({ ...t, execution_time: 0 })) });

describe(SLUG, () => {
  test("the reference solution scores 100% and shows both runs' curves and the answer", { timeout: 240_000 }, async () => {
    const r = await grade(read(`content/assignments/${SLUG}/hidden/solution.ts`));
    expect(r.score).toBe(r.max_score);
    expect(output(r, "experiment")).toMatch(/validation loss was lowest at epoch \d+/);
    expect(output(r, "experiment")).toMatch(/train–test gap/);
    expect(r.tests.find((t) => t.check === "experiment")?.artifacts.map((a) => a.kind)).toEqual(["curve", "curve"]);
    expect(output(r, "detector-experiment")).toMatch(/The rule flags the 10% run: yes; the full run: no/);
    expect(JSON.stringify(r)).not.toContain("unlabeled-hidden-");
  });

  test("an independently written correct solution scores 100%", { timeout: 240_000 }, async () => {
    const r = await grade(fixture("alternative-correct"), 5);
    expect(r.score).toBe(r.max_score);
  });

  test("the starter fails below the pass threshold and skips the experiment", async () => {
    const r = await grade(read(`content/assignments/${SLUG}/starter.ts`));
    expect(r.passed).toBe(false);
    expect(output(r, "experiment")).toMatch(/^Skipped:/);
  });

  const wrong: Array<[string, string, RegExp]> = [
    ["subset-not-stratified", "subset-stratified", /sample within each class/],
    ["subset-duplicates", "subset-no-duplicates", /duplicate indices/],
    ["subset-floor-size", "subset-size", /instead of round\(fraction × n\)/],
    ["subset-ignores-rng", "subset-deterministic", /ignores rng/],
    ["subset-math-random", "subset-deterministic", /not Math\.random/],
    ["detector-training-loss-only", "detector-histories", /flags healthy training/],
    ["detector-always-yes", "detector-histories", /flags healthy training/],
    ["detector-one-based", "detector-histories", /off by one: epochs are counted from 0/],
    ["detector-ignores-noise", "detector-histories", /flags noisy plateaus/],
  ];
  test.each(wrong)("%s fails %s with feedback naming the mistake, without training", async (name, check, feedback) => {
    const r = await grade(fixture(name));
    expect(r.passed).toBe(false);
    expect(status(r)[check]).toBe("failed");
    expect(output(r, check)).toMatch(feedback);
    expect(output(r, "experiment")).toMatch(/^Skipped:/);
    expect(status(r)["detector-experiment"]).toBe("failed");
  });

  test("regrading with the same seed gives the same result", async () => {
    const source = fixture("detector-ignores-noise");
    const [a, b] = [await grade(source, 9), await grade(source, 9)];
    expect(stable(a)).toEqual(stable(b));
  });

  test.runIf(FULL)("full: the reference regrades identically, training included", { timeout: 300_000 }, async () => {
    const source = read(`content/assignments/${SLUG}/hidden/solution.ts`);
    const [a, b] = [await grade(source, 21), await grade(source, 21)];
    expect(stable(a)).toEqual(stable(b));
    expect(a.score).toBe(a.max_score);
  });
});
