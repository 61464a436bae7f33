/**
 * residual-block through the real engine path. In CI the training check runs for the reference, the alternative
 * correct block and the one wrong variant only it catches (zero-initialised convolutions); the other variants fail
 * cheap checks, so the engine skips the training. UNLABELED_FULL=1 adds a full determinism regrade.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { gradeSubmission } from "@/graders/engine/grade";
import type { GradeResult } from "@/graders/engine/result";

const SLUG = "residual-block";
const FULL = process.env.UNLABELED_FULL === "1";
const read = (file: string) => readFileSync(file, "utf8");
const fixture = (name: string) => read(`tests/fixtures/submissions/${SLUG}/${name}.ts`);
const grade = (source: string, seed = 7) => gradeSubmission({ slug: SLUG, source, seed });
const byCheck = (r: GradeResult, id: string) => r.tests.find((t) => t.check === id)!;
const stable = (r: GradeResult) => ({ ...r, execution_time: 0, tests: r.tests.map((t) => ({ ...t, execution_time: 0, output: t.output.replace(/\(\d+\.\d s\)/, "") })) });

describe("residual-block grader", { timeout: 240_000 }, () => {
  // CI trains the reference; the alternative correct block (whose training is the slowest) trains in --full runs.
  const correct: [string, string][] = [["the reference solution", `content/assignments/${SLUG}/hidden/solution.ts`]];
  if (FULL) correct.push(["an alternative correct block (batch norm, He init, activation layers)", `tests/fixtures/submissions/${SLUG}/correct-alt.ts`]);
  test.each(correct)("%s scores 100%% (%s)", async (_, source) => {
    const r = await grade(read(source));
    expect(r.tests.filter((t) => t.status !== "passed").map((t) => `${t.check}: ${t.output}`)).toEqual([]);
    expect(r).toMatchObject({ score: 10, max_score: 10, passed: true, error: null });
    expect(JSON.stringify(r)).not.toContain("unlabeled-hidden-");
  });

  test("the starter compiles and fails", async () => {
    const r = await grade(read(`content/assignments/${SLUG}/starter.ts`));
    expect(r.passed).toBe(false);
    expect(r.score).toBe(0);
    expect(byCheck(r, "output-shapes").output).toMatch(/residualBlock is not implemented yet/);
  });

  test.each([
    ["no-skip", "skip-connection", /there is no skip connection/],
    ["skip-before-second-conv", "skip-connection", /added before the second convolution/],
    ["no-final-relu", "skip-connection", /final ReLU after the addition .* is missing/],
    ["no-projection-on-stride", "output-shapes", /shortcut must be a 1×1 convolution with the same stride/],
    ["valid-padding", "output-shapes", /use padding 'same'/],
    ["no-relu-between", "branch-structure", /no ReLU between the two convolutions/],
    ["stride-on-second-conv", "branch-structure", /stride belongs on the first 3×3 convolution/],
    ["zero-init", "trains-on-digits", /does not learn/],
  ])("%s fails %s, naming the mistake", async (name, check, feedback) => {
    const r = await grade(fixture(name));
    expect(r.passed).toBe(false);
    const t = byCheck(r, check);
    expect(t.status).toBe("failed");
    expect(t.output).toMatch(feedback);
    const earlier = r.tests.slice(1, r.tests.indexOf(t));
    expect(earlier.every((e) => e.status === "passed")).toBe(true);
    if (check !== "trains-on-digits") expect(byCheck(r, "trains-on-digits").output).toMatch(/^Skipped:/);
  });

  test("regrading with the same seed gives the same result", async () => {
    const source = FULL ? read(`content/assignments/${SLUG}/hidden/solution.ts`) : fixture("stride-on-second-conv");
    const [one, two] = [await grade(source, 3), await grade(source, 3)];
    expect(stable(one)).toEqual(stable(two));
  });
});
