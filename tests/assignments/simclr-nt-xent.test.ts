/**
 * simclr-nt-xent through the real engine: the reference and an independently written solution score 100%, the
 * starter fails, each wrong variant fails the check that names its mistake, and regrading is reproducible.
 * The pretraining check runs for the correct solutions only; every wrong variant is stopped by a cheap check first.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { asEmbeddings, diagnose, randomCases, wellMatchedViews } from "@/content/assignments/simclr-nt-xent/hidden/cases";
import { lossWith, MISTAKES, ntXentReference } from "@/content/assignments/simclr-nt-xent/hidden/reference";
import { gradeSubmission } from "@/graders/engine/grade";
import type { GradeResult } from "@/graders/engine/result";
import { createRng } from "@/graders/tf/rng";

const SLUG = "simclr-nt-xent";
const CAPS = { wallSeconds: 60, cpuSeconds: 120, memoryMb: 1024 };
const read = (file: string) => readFileSync(file, "utf8");
const fixture = (name: string) => read(`tests/fixtures/submissions/${SLUG}/${name}.ts`);
const grade = (source: string, seed = 3) => gradeSubmission({ slug: SLUG, source, seed, limitCaps: CAPS });
const byCheck = (r: GradeResult) => Object.fromEntries(r.tests.map((t) => [t.check, t]));
const withoutTimes = (r: GradeResult) => ({ ...r, execution_time: 0, tests: r.tests.map((t) => ({ ...t, execution_time: 0 })) });

describe("simclr-nt-xent reference (trusted side only)", () => {
  test("every named mistake is told apart from the others on the value check's cases", () => {
    for (const seed of [1, 2, 3]) {
      const cases = randomCases(createRng(seed), 12);
      for (const m of MISTAKES) {
        const values = cases.map((c) => lossWith(asEmbeddings(c.z1), asEmbeddings(c.z2), c.temperature, m.opts));
        expect(diagnose(values, cases), m.name).toBe(m.name);
      }
    }
  });

  test("the temperature check's views make the reference loss non-decreasing in the temperature", () => {
    const temperatures = Array.from({ length: 60 }, (_, i) => 0.02 * 1.11 ** i);
    for (let seed = 0; seed < 50; seed++) {
      const { z1, z2 } = wellMatchedViews(createRng(seed), 5, 8, 0.2);
      const losses = temperatures.map((t) => ntXentReference(asEmbeddings(z1), asEmbeddings(z2), t));
      losses.forEach((v, i) => i > 0 && expect(v).toBeGreaterThanOrEqual(losses[i - 1]! - 1e-12));
    }
  });

  test("with N = 1 the reference loss is 0", () => {
    const one = (data: number[]) => ({ rows: 1, dim: data.length, data });
    expect(ntXentReference(one([1, 2, 3]), one([-3, 0.5, 2]), 0.05)).toBe(0);
  });
});

describe("simclr-nt-xent grader", () => {
  test("the reference solution scores 100% and regrades identically", { timeout: 180_000 }, async () => {
    const one = await grade(read(`content/assignments/${SLUG}/hidden/solution.ts`));
    expect(one.tests.filter((t) => t.status !== "passed").map((t) => [t.check, t.output])).toEqual([]);
    expect(one.score).toBe(one.max_score);
    const pretraining = byCheck(one).pretraining!;
    expect(pretraining.output).toMatch(/Linear probe/);
    expect(pretraining.artifacts.map((a) => a.kind)).toEqual(["curve"]);
    expect(one.leaderboard.map((e) => e.name)).toEqual(["probe accuracy"]);
    expect(JSON.stringify(one)).not.toContain("unlabeled-hidden-");
    const two = await grade(read(`content/assignments/${SLUG}/hidden/solution.ts`));
    expect(withoutTimes(two)).toEqual(withoutTimes(one));
  });

  test("an independently written correct solution scores 100%", { timeout: 120_000 }, async () => {
    const result = await grade(fixture("correct-alternative"), 5);
    expect(result.tests.filter((t) => t.status !== "passed").map((t) => [t.check, t.output])).toEqual([]);
    expect(JSON.stringify(result)).not.toContain("unlabeled-hidden-");
  });

  test("the starter compiles and fails", { timeout: 60_000 }, async () => {
    const result = await grade(read(`content/assignments/${SLUG}/starter.ts`));
    expect(result.passed).toBe(false);
    expect(result.score).toBe(0);
    expect(byCheck(result)["matches-reference"]!.output).toMatch(/not implemented yet/);
    expect(byCheck(result).pretraining!.output).toMatch(/^Skipped/);
  });

  const wrong: Array<[string, Record<string, RegExp>]> = [
    ["self-similarity", { "matches-reference": /self-similarity is left in/, "batch-sizes": /self-similarity is left in/ }],
    ["one-direction", { "matches-reference": /only one direction is used/, symmetry: /only one direction is used/ }],
    ["unnormalised", { "matches-reference": /not L2-normalised/, "scale-invariance": /not L2-normalised/ }],
    ["wrong-positives", { "matches-reference": /positives are on the wrong diagonal/, "batch-sizes": /other view \(i ↔ i \+ N\)/ }],
    ["temperature-multiplied", { "matches-reference": /multiplied by the temperature/, temperature: /multiplied by the temperature/ }],
    ["detached", { gradients: /could not differentiate/ }],
  ];
  for (const [name, failures] of wrong) {
    test(`wrong variant '${name}' fails with feedback naming the mistake`, { timeout: 60_000 }, async () => {
      const result = await grade(fixture(name));
      expect(result.passed).toBe(false);
      const tests = byCheck(result);
      for (const [check, pattern] of Object.entries(failures)) {
        expect(tests[check]!.status, check).toBe("failed");
        expect(tests[check]!.output).toMatch(pattern);
      }
      // The expensive experiment never runs for a submission that failed a cheap check.
      expect(tests.pretraining!.output).toMatch(/^Skipped/);
      expect(JSON.stringify(result)).not.toContain("unlabeled-hidden-");
    });
  }
});
