/**
 * causal-attention through the real engine. Cheap checks run for every fixture; the training experiment runs in
 * CI only for the reference (and is asserted skipped for the variants that fail its prerequisites). UNLABELED_FULL=1
 * also trains the independently written correct solution and checks a second seed.
 */
import { describe, expect, test } from "vitest";
import { expectFailsWith, expectFullMarks, fixtureSource, FULL, gradeSource, source, testOf, withoutTimes } from "./language-helpers";

const SLUG = "causal-attention";
const grade = (code: string, seed?: number) => gradeSource(SLUG, code, seed);

describe("causal-attention grader", () => {
  test("the reference solution scores full marks, the training check included", async () => {
    const result = await grade(source("content/assignments/causal-attention/hidden/solution.ts"));
    expectFullMarks(result);
    expect(testOf(result, "trains").output).toMatch(/The model learned to use the context: validation loss/);
  }, 120_000);

  test.runIf(FULL)("an independently written correct solution scores full marks", async () => {
    expectFullMarks(await grade(fixtureSource(SLUG, "correct-alternative"), 17));
  }, 180_000);

  test.runIf(FULL)("the reference also passes with another seed", async () => {
    expectFullMarks(await grade(source("content/assignments/causal-attention/hidden/solution.ts"), 1234));
  }, 120_000);

  test("the starter compiles and fails", async () => {
    const result = await grade(source("content/assignments/causal-attention/starter.ts"));
    expect(result.passed).toBe(false);
    expect(result.score).toBe(0);
    expect(testOf(result, "mask-values").output).toMatch(/not implemented yet/);
    expect(testOf(result, "trains").output).toMatch(/^Skipped:/);
  });

  const wrong: Array<[string, string, RegExp]> = [
    ["no-scaling", "matches-reference", /no scaling/],
    ["scale-by-dim", "matches-reference", /1\/dim instead of 1\/sqrt\(dim\)/],
    ["mask-excludes-diagonal", "mask-values", /excludes the diagonal/],
    ["transposed-mask", "mask-values", /transposed/],
    ["no-mask", "no-future-leak", /information flows from the future/],
    ["softmax-wrong-axis", "matches-reference", /softmax over the wrong axis/],
    ["mask-after-softmax", "matches-reference", /mask is applied after the softmax/],
    ["infinity-times-zero", "matches-reference", /NaN in the output/],
    ["detached", "gradients-flow", /no gradient reaches q, k or v/],
  ];
  test.each(wrong)("wrong variant %s fails %s with feedback naming the mistake; training is skipped", async (name, check, feedback) => {
    const result = await grade(fixtureSource(SLUG, name));
    expectFailsWith(result, check, feedback);
    expect(testOf(result, "trains").output).toMatch(/^Skipped: this check needs/);
  });

  test("the no-mask variant is also named by the reference comparison", async () => {
    expectFailsWith(await grade(fixtureSource(SLUG, "no-mask")), "matches-reference", /no causal mask/);
  });

  test("grading the same submission twice with the same seed gives identical results", async () => {
    const code = fixtureSource(SLUG, "no-scaling");
    const [one, two] = [await grade(code, 9), await grade(code, 9)];
    expect(withoutTimes(one)).toEqual(withoutTimes(two));
  });
});
