// Two-phase grading (issue #20): the cheap phase runs every check but the experiments and marks the result
// pending; the expensive phase runs only the experiments on top of it; together they give what one grading gives.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { loadAssignment } from "@/graders/engine/assignments";
import { gradeSubmission } from "@/graders/engine/grade";
import { PENDING_OUTPUT } from "@/graders/engine/phases";
import type { GradeResult } from "@/graders/engine/result";

const SLUG = "causal-attention";
const reference = readFileSync(`content/assignments/${SLUG}/hidden/solution.ts`, "utf8");
const summary = (r: GradeResult) => r.tests.map((t) => [t.check, t.score, t.status, t.output.replace(/\(\d+\.\d s\)/g, "")]);

describe("two-phase grading", { timeout: 240_000 }, () => {
  test("experiments are known per check (the training check, and what depends on one)", async () => {
    const a = await loadAssignment(SLUG);
    expect(a.checks.filter((c) => c.experiment).map((c) => c.id)).toEqual(["trains"]);
    const overfitting = await loadAssignment("overfitting-10pct");
    expect(overfitting.checks.filter((c) => c.experiment).map((c) => c.id)).toEqual(["experiment", "detector-experiment"]);
  });

  test("cheap then expensive equals one grading, for a passing and a failing submission", async () => {
    const failing = reference.replace("Math.sqrt", "1 / Math.sqrt");
    for (const source of [reference, failing]) {
      const all = await gradeSubmission({ slug: SLUG, source });
      const cheap = await gradeSubmission({ slug: SLUG, source, phase: "cheap" });
      const trains = cheap.tests.find((t) => t.check === "trains")!;
      if (all.tests.find((t) => t.check === "gradients-flow")!.status === "passed") {
        expect(cheap.pending_expensive).toBe(true);
        expect(trains.output).toBe(PENDING_OUTPUT);
        const done = await gradeSubmission({ slug: SLUG, source, phase: "expensive", prior: cheap });
        expect(done.pending_expensive).toBeUndefined();
        expect(summary(done)).toEqual(summary(all));
        expect([done.score, done.passed, done.seed, done.grader_version]).toEqual([all.score, all.passed, all.seed, all.grader_version]);
      } else {
        // A submission that fails the experiment's prerequisites gets its final result from the cheap phase.
        expect(cheap.pending_expensive).toBeUndefined();
        expect(summary(cheap)).toEqual(summary(all));
      }
    }
  });

  test("the expensive phase without the cheap result is a platform error", async () => {
    await expect(gradeSubmission({ slug: SLUG, source: reference, phase: "expensive" })).rejects.toThrow(/needs the cheap phase's result/);
  });
});

describe("rubric overrides for the term", () => {
  test("points and visibility layered over assignment.yaml, the total following; a bad override is a config error", async () => {
    const source = readFileSync("content/assignments/hello-tensor/hidden/solution.ts", "utf8");
    const r = await gradeSubmission({ slug: "hello-tensor", source, rubric: { "same-shape": { points: 6 }, "random-inputs": { visibility: "visible" } } });
    expect(r.max_score).toBe(12);
    expect(r.score).toBe(12);
    expect(r.tests.find((t) => t.check === "same-shape")?.max_score).toBe(6);
    expect(r.tests.find((t) => t.check === "random-inputs")?.visibility).toBe("visible");
    await expect(gradeSubmission({ slug: "hello-tensor", source, rubric: { nope: { points: 1 } } })).rejects.toThrow(/names check 'nope'/);
    await expect(gradeSubmission({ slug: "hello-tensor", source, rubric: { "public-tests": { points: 2 } } })).rejects.toThrow(/keeps 0 points/);
  }, 60_000);
});
