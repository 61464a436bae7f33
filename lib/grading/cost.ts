import "server-only";
import { gradedAssignments, loadAssignment } from "@/graders/engine/assignments";
import type { AssignmentConfig } from "@/lib/content/assignment-schema";

/**
 * Which assignments are *training* for the scheduler (lib/grading/schedule.ts): `cost` in assignment.yaml when the
 * author set it; otherwise derived from the checks' own wall-clock limits (graders/<slug>/, read through the
 * engine's loadAssignment, never edited): training when any check may run TRAINING_WALL_SECONDS or more. Unit checks
 * allow 5–15 s; every check that trains a model allows 20 s (ssl-pretext, overfitting-10pct) up to 240 s.
 */
export { EXPERIMENT_WALL_SECONDS as TRAINING_WALL_SECONDS } from "@/graders/engine/check";
import { EXPERIMENT_WALL_SECONDS } from "@/graders/engine/check";

export type AssignmentCost = "training" | "light";

export function assignmentCost(
  config: Pick<AssignmentConfig, "cost">,
  checkWallSeconds: readonly number[],
): AssignmentCost {
  if (config.cost) return config.cost;
  return checkWallSeconds.some((s) => s >= EXPERIMENT_WALL_SECONDS) ? "training" : "light";
}

let cached: Promise<string[]> | null = null;

/** The graded assignments that are training, computed once per process (a grader loads every grader module anyway). */
export function trainingAssignments(): Promise<string[]> {
  cached ??= (async () => {
    const out: string[] = [];
    for (const slug of gradedAssignments()) {
      const a = await loadAssignment(slug);
      if (
        assignmentCost(
          a.config,
          a.checks.map((c) => c.limits.wallSeconds),
        ) === "training"
      )
        out.push(slug);
    }
    return out;
  })().catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}
