// Calibration (issue #19): the false-fail bound is the exact Clopper–Pearson one, and a small calibration run of
// every reference and correct variant shows no failure (the full run, with N ≥ 3000, is in docs/grading-validity.md).
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { gradedAssignments } from "@/graders/engine/assignments";
import { calibrate, clopperPearsonUpper } from "@/graders/engine/calibrate";
import { gradeSubmission } from "@/graders/engine/grade";
import { correctSolutions } from "@/scripts/course/calibrate";

describe("calibration", () => {
  test("the exact one-sided 95% upper bound", () => {
    expect(clopperPearsonUpper(0, 3000)).toBeCloseTo(1 - 0.05 ** (1 / 3000), 9);
    expect(clopperPearsonUpper(0, 3000)).toBeLessThan(1 / 1000);
    expect(clopperPearsonUpper(0, 2000)).toBeGreaterThan(1 / 1000);
    expect(clopperPearsonUpper(1, 10)).toBeCloseTo(0.3942, 3);
    expect(clopperPearsonUpper(5, 5)).toBe(1);
  });

  test("clip-contrastive's reference keeps its temperature points at seed 137, where it used to lose them", async () => {
    const r = await gradeSubmission({ slug: "clip-contrastive", source: readFileSync("content/assignments/clip-contrastive/hidden/solution.ts", "utf8"), seed: 137 });
    expect(r.tests.find((t) => t.check === "temperature")?.status).toBe("passed");
  }, 120_000);

  test.each(gradedAssignments())("%s: every correct solution passes every cheap check on 3 seeds (the full calibration: docs/grading-validity.md)", async (slug) => {
    for (const file of correctSolutions(slug)) {
      const tallies = await calibrate({ slug, source: readFileSync(file, "utf8"), seeds: 3, expensiveSeeds: 0, firstSeed: 1000 });
      const failing = tallies.filter((t) => t.failures > 0).map((t) => `${t.check}: ${t.examples.join(" | ")}`);
      expect(failing, file).toEqual([]);
      expect(tallies.filter((t) => !t.expensive).every((t) => t.runs + t.skipped === 3)).toBe(true);
    }
  }, 300_000);
});
