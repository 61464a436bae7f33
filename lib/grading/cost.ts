import "server-only";
import { gradedAssignments, loadAssignment } from "@/graders/engine/assignments";
import type { AssignmentConfig } from "@/lib/content/assignment-schema";
import { courseRoot } from "@/lib/content/course-root";

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

/** Per course package folder (a grader may grade several: lib/content/course-registry.ts). */
const cache = new Map<string, Promise<string[]>>();

/**
 * The graded assignments of the served course (courseRoot(), so within withCourseRoot another package's) that are
 * training, computed once per process and package (a grader loads every grader module anyway).
 */
export function trainingAssignments(): Promise<string[]> {
  const root = courseRoot();
  const hit = cache.get(root);
  if (hit) return hit;
  const computed = (async () => {
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
    cache.delete(root);
    throw err;
  });
  cache.set(root, computed);
  return computed;
}
