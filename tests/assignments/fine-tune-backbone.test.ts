/**
 * fine-tune-backbone through the real engine: the reference and an independently written linear probe score 100%,
 * the starter fails, each wrong variant fails the check that names its mistake (the training experiments are skipped
 * after a cheap check failed), and (UNLABELED_FULL=1) a regrade is identical. The pretrained-vs-scratch comparison is in the feedback.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { gradeSubmission } from "@/graders/engine/grade";
import type { GradeResult } from "@/graders/engine/result";

const SLUG = "fine-tune-backbone";
const read = (file: string) => readFileSync(file, "utf8");
const fixture = (name: string) => read(`tests/fixtures/submissions/${SLUG}/${name}.ts`);
const grade = (source: string, seed = 3) => gradeSubmission({ slug: SLUG, source, seed });
const byCheck = (r: GradeResult) => Object.fromEntries(r.tests.map((t) => [t.check, t]));
const withoutTimes = (r: GradeResult) => ({ ...r, execution_time: 0, tests: r.tests.map((t) => ({ ...t, execution_time: 0, output: t.output.replace(/(took|call) \d+\.\d s/g, "") })) });
const FULL = process.env.UNLABELED_FULL === "1";

describe("fine-tune-backbone grader", () => {
  let reference: GradeResult | undefined;
  test("the reference scores 100% and reports the scratch arm beside it", { timeout: 180_000 }, async () => {
    const one = await grade(read(`content/assignments/${SLUG}/hidden/solution.ts`));
    expect(one.tests.filter((t) => t.status !== "passed" && t.check !== "public-tests").map((t) => [t.check, t.output])).toEqual([]);
    expect(one.score).toBe(one.max_score);
    const arms = byCheck(one)["pretrained-accuracy"]!;
    expect(arms.output).toMatch(/randomly initialised backbone with the same labels: \d+\.\d% \(.*\), so pretraining is worth [\d.]+ points/);
    expect(arms.artifacts.map((a) => a.kind)).toEqual(["matrix"]);
    expect(byCheck(one)["features-kept"]!.output).toMatch(/linear probe on the backbone's features/);
    expect(JSON.stringify(one)).not.toContain("unlabeled-hidden-");
    reference = one;
  });

  // The experiments' determinism is CI's in the cheaper labs (ssl-pretext's tiny configuration is bitwise
  // reproducible); this second ~40 s training run of the same seed runs with `UNLABELED_FULL=1`.
  test.skipIf(!FULL)("full: the reference regrades identically, experiments included", { timeout: 360_000 }, async () => {
    const one = reference ?? (await grade(read(`content/assignments/${SLUG}/hidden/solution.ts`)));
    const two = await grade(read(`content/assignments/${SLUG}/hidden/solution.ts`));
    expect(withoutTimes(two)).toEqual(withoutTimes(one));
  });

  test("an independently written linear probe on the frozen backbone scores 100%", { timeout: 120_000 }, async () => {
    const r = await grade(fixture("correct-linear-probe"), 5);
    expect(r.tests.filter((t) => t.status !== "passed" && t.check !== "public-tests").map((t) => [t.check, t.output])).toEqual([]);
  });

  test("the starter compiles and fails, and the experiments are skipped", async () => {
    const r = await grade(read(`content/assignments/${SLUG}/starter.ts`));
    expect(r.passed).toBe(false);
    expect(r.score).toBe(0);
    expect(byCheck(r)["returns-classifier"]!.output).toMatch(/not implemented yet/);
    expect(byCheck(r)["pretrained-accuracy"]!.output).toMatch(/^Skipped/);
  });

  const cheap: Array<[string, RegExp]> = [
    ["returns-backbone", /returned the backbone itself/],
    ["wrong-shape", /must output \[200, 10\] class probabilities/],
    ["logits", /end it with a softmax/],
    ["nan-output", /NaN or infinite/],
  ];
  for (const [name, pattern] of cheap) {
    test(`'${name}' fails the interface check with the reason, and nothing expensive runs`, async () => {
      const r = await grade(fixture(name));
      expect(r.passed).toBe(false);
      expect(byCheck(r)["returns-classifier"]!.output).toMatch(pattern);
      expect(byCheck(r)["pretrained-accuracy"]!.output).toMatch(/^Skipped/);
      expect(byCheck(r)["features-kept"]!.output).toMatch(/^Skipped/);
    });
  }

  test("'destroys-features' fails the feature probe: catastrophic forgetting is named", { timeout: 240_000 }, async () => {
    const r = await grade(fixture("destroys-features"));
    const t = byCheck(r)["features-kept"]!;
    expect(t.status).toBe("failed");
    expect(t.output).toMatch(/catastrophic forgetting/);
  });

  test.skipIf(!FULL)("'too-slow' fails the time budget with the time it took", { timeout: 180_000 }, async () => {
    const r = await grade(fixture("too-slow"));
    expect(byCheck(r)["pretrained-accuracy"]!.output).toMatch(/took \d+\.\d s on 60 labelled digits; the budget is 20 s/);
  });
});
