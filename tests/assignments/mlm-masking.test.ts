/** mlm-masking through the real engine: reference and an independent correct solution pass; each mistake fails by name. */
import { describe, expect, test } from "vitest";
import { expectFailsWith, expectFullMarks, fixtureSource, gradeSource, source, testOf, withoutTimes } from "./language-helpers";

const SLUG = "mlm-masking";
const grade = (code: string, seed?: number) => gradeSource(SLUG, code, seed);

describe("mlm-masking grader", () => {
  test("the reference solution scores full marks", async () => {
    expectFullMarks(await grade(source("content/assignments/mlm-masking/hidden/solution.ts")));
  });

  test("an independently written correct solution scores full marks", async () => {
    expectFullMarks(await grade(fixtureSource(SLUG, "correct-alternative"), 17));
  });

  test("the starter compiles and fails", async () => {
    const result = await grade(source("content/assignments/mlm-masking/starter.ts"));
    expect(result.passed).toBe(false);
    expect(result.score).toBe(0);
    expect(testOf(result, "labels-exact").output).toMatch(/not implemented yet/);
    expect(testOf(result, "replacement-split").output).toMatch(/^Skipped:/);
  });

  const wrong: Array<[string, string, RegExp]> = [
    ["masks-specials", "specials-untouched", /masking special tokens/],
    ["no-split", "replacement-split", /no 80\/10\/10 split/],
    ["labels-everywhere", "labels-exact", /labels on every position/],
    ["kept-unlabelled", "replacement-split", /no selected token is left unchanged/],
    ["mutates-tokens", "no-mutation", /changed the tokens array/],
    ["math-random", "determinism", /use only opts\.rng/],
    ["random-any-id", "random-replacements", /drew special ids/],
    ["random-off-by-one", "random-replacements", /off-by-one/],
    ["ignores-mask-prob", "selection-rate", /maskProb is ignored/],
    ["fresh-draws", "replacement-split", /0\.8, 0\.1 and 0\.1/],
    ["label-is-replacement", "labels-exact", /label is the replacement id/],
  ];
  test.each(wrong)("wrong variant %s fails %s with feedback naming the mistake", async (name, check, feedback) => {
    expectFailsWith(await grade(fixtureSource(SLUG, name)), check, feedback);
  });

  test("grading the same submission twice with the same seed gives identical results", async () => {
    const code = fixtureSource(SLUG, "fresh-draws");
    const [one, two] = [await grade(code, 9), await grade(code, 9)];
    expect(withoutTimes(one)).toEqual(withoutTimes(two));
  });
});
