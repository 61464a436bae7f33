/**
 * autoencoder through the real engine path. In CI the training check runs for the reference, the alternative
 * correct (convolutional) autoencoder and the one wrong variant only it catches (a frozen decoder); the other
 * variants fail cheap checks and the engine skips the training. UNLABELED_FULL=1 adds a full determinism regrade.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { gradeSubmission } from "@/graders/engine/grade";
import type { GradeResult } from "@/graders/engine/result";

const SLUG = "autoencoder";
const FULL = process.env.UNLABELED_FULL === "1";
const read = (file: string) => readFileSync(file, "utf8");
const fixture = (name: string) => read(`tests/fixtures/submissions/${SLUG}/${name}.ts`);
const grade = (source: string, seed = 7) => gradeSubmission({ slug: SLUG, source, seed });
const byCheck = (r: GradeResult, id: string) => r.tests.find((t) => t.check === id)!;
const stable = (r: GradeResult) => ({ ...r, execution_time: 0, tests: r.tests.map((t) => ({ ...t, execution_time: 0, output: t.output.replace(/\(\d+\.\d s\)/, "") })) });

describe("autoencoder grader", { timeout: 240_000 }, () => {
  test.each([
    ["the reference solution", `content/assignments/${SLUG}/hidden/solution.ts`],
    ["an alternative correct (convolutional) autoencoder", `tests/fixtures/submissions/${SLUG}/correct-alt.ts`],
  ])("%s scores 100%% (%s) and reports both leaderboard entries", async (_, source) => {
    const r = await grade(read(source));
    expect(r.tests.filter((t) => t.status !== "passed").map((t) => `${t.check}: ${t.output}`)).toEqual([]);
    expect(r).toMatchObject({ score: 10, max_score: 10, passed: true, error: null });
    expect(r.leaderboard.map((e) => [e.name, e.order])).toEqual([["mse", "asc"], ["mse:private", "asc"]]);
    expect(r.leaderboard.every((e) => e.value > 0 && e.value < 0.05)).toBe(true);
    expect(byCheck(r, "reconstruction").artifacts.map((a) => a.kind)).toEqual(["image-grid", "curve"]);
    expect(JSON.stringify(r)).not.toContain("unlabeled-hidden-");
  });

  test("the starter compiles and fails", async () => {
    const r = await grade(read(`content/assignments/${SLUG}/starter.ts`));
    expect(r.passed).toBe(false);
    expect(r.score).toBe(0);
    expect(byCheck(r, "shapes-and-range").output).toMatch(/buildEncoder is not implemented yet/);
  });

  test.each([
    ["no-sigmoid", "shapes-and-range", /must stay in \[0, 1\] \(end the decoder with a sigmoid\)/],
    ["hard-coded-latent", "shapes-and-range", /use latentDim, do not hard-code it/],
    ["flat-output", "shapes-and-range", /reshape the 784 values/],
    ["ignores-latent", "bottleneck", /same image for every latent/],
    ["shared-state", "bottleneck", /must see only the latent/],
    ["too-many-parameters", "parameter-budget", /over the parameter budget/],
    ["frozen-decoder", "reconstruction", /barely learns/],
  ])("%s fails %s, naming the mistake", async (name, check, feedback) => {
    const r = await grade(fixture(name));
    expect(r.passed).toBe(false);
    const t = byCheck(r, check);
    expect(t.status).toBe("failed");
    expect(t.output).toMatch(feedback);
    if (check !== "reconstruction") expect(byCheck(r, "reconstruction").output).toMatch(/^Skipped:/);
  });

  test("regrading with the same seed gives the same result", async () => {
    const source = FULL ? read(`content/assignments/${SLUG}/hidden/solution.ts`) : fixture("too-many-parameters");
    const [one, two] = [await grade(source, 3), await grade(source, 3)];
    expect(stable(one)).toEqual(stable(two));
  });
});
