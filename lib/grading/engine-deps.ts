import "server-only";
import type { CheckLimits } from "@/graders/engine/check";
import { gradeSubmission } from "@/graders/engine/grade";
import { graderVersion } from "@/graders/engine/version";
import { trainingAssignments } from "./cost";
import type { GraderDeps } from "./grade-types";

/**
 * The real grading engine behind the queue worker: compile → sandboxed runner → trusted checks. It grades in one
 * job (`phase: "all"`); `splitsPhases` turns on two-phase grading once the engine takes a `phase` option
 * (lib/grading/phases.ts says what the queue then expects of it).
 */
export function createEngineDeps(opts: { limitCaps?: Partial<CheckLimits> } = {}): GraderDeps {
  return {
    grade: ({ slug, source, seed, onProgress, signal }) => gradeSubmission({ slug, source, seed, onProgress, signal, limitCaps: opts.limitCaps }),
    graderVersion,
    trainingAssignments,
    splitsPhases: false,
  };
}

export const engineDeps: GraderDeps = createEngineDeps();
