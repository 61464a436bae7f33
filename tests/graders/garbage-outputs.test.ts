// Class 7 of the grader-integrity issue: whatever a submission makes the runner return, as long as it passes the
// task's schema, every check of every assignment scores it as a graded result (a finite fraction in [0, 1], storable
// artifacts) and never throws: an infrastructure error is only ever the platform's own fault.
import { describe, expect, test } from "vitest";
import { courseTaskFiles, gradedAssignments, loadAssignment } from "@/graders/engine/assignments";
import { isRemoteTask } from "@/graders/engine/course-checks";
import type { TaskRef } from "@/graders/engine/check";
import type { CheckContext } from "@/graders/engine/check";
import { scoreOutput, type Entry } from "@/graders/engine/scoring";
import { outputSchema } from "@/graders/engine/tasks";
import { createRng, deriveSeed } from "@/graders/tf/rng";
import { garbageOutputs } from "../support/garbage";

const VARIANTS = 8;

/** A task's output schema: a built-in one, or (course tasks run in the course-check host) read from its task.ts here. */
async function schemaOf(task: TaskRef): Promise<unknown> {
  if (!isRemoteTask(task)) return outputSchema(task);
  for (const file of courseTaskFiles()) {
    const mod = (await import(/* @vite-ignore */ file)) as { default?: { name?: string; output?: unknown } };
    if (mod.default?.name === task.name) return mod.default.output;
  }
  throw new Error(`no task.ts defines '${task.name}'`);
}

describe("every check turns schema-valid garbage into a graded failure", { timeout: 300_000 }, () => {
  test.each(gradedAssignments())("%s", async (slug) => {
    const assignment = await loadAssignment(slug);
    const tried: string[] = [];
    for (const check of assignment.checks) {
      const seed = deriveSeed(5, "check", check.id);
      const ctx: CheckContext = { assignment: slug, checkId: check.id, seed, rng: createRng(seed), root: process.cwd(), dir: `content/assignments/${slug}` };
      let prepared;
      try {
        prepared = await check.definition.prepare(ctx);
      } catch (err) {
        // Only a check that builds on an earlier check's work (dependsOn) may need that work to prepare.
        if (check.dependsOn.length === 0) throw err;
        tried.push(`${check.id}:needs ${check.dependsOn.join("+")}`);
        continue;
      }
      const entry: Entry = { check, ctx, started: 0, ms: 0, scored: { state: "skipped", reason: "" } };
      const outputs = garbageOutputs((await schemaOf(check.definition.task)) as never, VARIANTS);
      expect(outputs.length, `${check.id}: no garbage passes its schema`).toBeGreaterThan(0);
      for (const [i, output] of outputs.entries()) {
        let hidden = prepared.hidden;
        // A chained check sees garbage at every stage it would reach.
        const next = check.definition.next;
        for (let stage = 1; next && stage < 4; stage++) {
          const following = await next(output as never, hidden, ctx, stage);
          if (!following) break;
          hidden = following.hidden;
        }
        const scored = await scoreOutput(entry, output, hidden, "").catch((err: unknown) => {
          throw new Error(`${check.id}, garbage ${i} (${JSON.stringify(output, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v)).slice(0, 300)}): ${String(err)}`);
        });
        expect(scored.state).toBe("scored");
        if (scored.state === "scored") {
          expect(Number.isFinite(scored.score.fraction)).toBe(true);
          expect(scored.score.fraction).toBeGreaterThanOrEqual(0);
          expect(scored.score.fraction).toBeLessThanOrEqual(1);
        }
      }
      tried.push(`${check.id}:${outputs.length}`);
    }
    expect(tried.length).toBe(assignment.checks.length);
    await assignment.host.close();
  });
});
