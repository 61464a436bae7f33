/** nsp-pairs through the real engine: reference and an independent correct solution pass; each mistake fails by name. */
import { describe, expect, test } from "vitest";
import { expectFailsWith, expectFullMarks, fixtureSource, gradeSource, source, testOf, withoutTimes } from "./language-helpers";

const SLUG = "nsp-pairs";
const grade = (code: string, seed?: number) => gradeSource(SLUG, code, seed);

describe("nsp-pairs grader", () => {
  test("the reference solution scores full marks", async () => {
    expectFullMarks(await grade(source("content/assignments/nsp-pairs/hidden/solution.ts")));
  });

  test("an independently written correct solution (document first, then sentence) scores full marks", async () => {
    expectFullMarks(await grade(fixtureSource(SLUG, "correct-alternative"), 23));
  });

  test("the starter compiles and fails", async () => {
    const result = await grade(source("content/assignments/nsp-pairs/starter.ts"));
    expect(result.passed).toBe(false);
    expect(result.score).toBe(0);
    expect(testOf(result, "coverage").output).toMatch(/not implemented yet/);
    expect(testOf(result, "balance").output).toMatch(/^Skipped:/);
  });

  const wrong: Array<[string, string, RegExp]> = [
    ["same-doc-negatives", "negatives-other-doc", /negatives from the same document/],
    ["crosses-documents", "coverage", /last sentence of its document/],
    ["flipped-labels", "positives-consecutive", /isNext is inverted/],
    ["always-positive", "balance", /always positive/],
    ["biased-coin", "balance", /positive with probability 0\.5/],
    ["math-random", "determinism", /use only opts\.rng/],
    ["last-doc-never", "negative-spread", /last document is never chosen/],
    ["first-sentence-only", "negative-spread", /only the first sentence/],
    ["no-single-doc-fallback", "edge-cases", /every pair must be positive/],
    ["shuffled-order", "coverage", /not in document then sentence order/],
  ];
  test.each(wrong)("wrong variant %s fails %s with feedback naming the mistake", async (name, check, feedback) => {
    expectFailsWith(await grade(fixtureSource(SLUG, name)), check, feedback);
  });

  test("grading the same submission twice with the same seed gives identical results", async () => {
    const code = fixtureSource(SLUG, "biased-coin");
    const [one, two] = [await grade(code, 9), await grade(code, 9)];
    expect(withoutTimes(one)).toEqual(withoutTimes(two));
  });
});
