import "server-only";
import type { CheckLimits } from "@/graders/engine/check";
import { gradeSubmission } from "@/graders/engine/grade";
import type { GradeResult } from "@/graders/engine/result";
import { graderVersion } from "@/graders/engine/version";
import { trainingAssignments } from "./cost";
import type { GraderDeps } from "./grade-types";

/**
 * The real grading engine behind the queue worker: compile → sandboxed runner → trusted checks, in two phases for
 * training labs (graders/engine/phases.ts: every quick check first, the experiments after). The submission's stored
 * seed is not passed on: the engine derives the seed from the code, so the same code gets the same verdict on
 * every resubmission and regrade. The term's rubric override (points, visibility by check id) is passed on as is.
 */
export function createEngineDeps(opts: { limitCaps?: Partial<CheckLimits> } = {}): GraderDeps {
  return {
    grade: ({ slug, source, onProgress, signal, phase, prior, rubric }) =>
      gradeSubmission({ slug, source, onProgress, signal, limitCaps: opts.limitCaps, phase, prior: prior as GradeResult | null, ...(rubric ? { rubric } : {}) }),
    graderVersion,
    trainingAssignments,
    splitsPhases: true,
  };
}

export const engineDeps: GraderDeps = createEngineDeps();
