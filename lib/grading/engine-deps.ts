import "server-only";
import type { CheckLimits } from "@/graders/engine/check";
import { gradeSubmission } from "@/graders/engine/grade";
import { graderVersion } from "@/graders/engine/version";
import type { GraderDeps } from "./worker";

/** The real grading engine behind the queue worker: compile → sandboxed runner → trusted checks. */
export function createEngineDeps(opts: { limitCaps?: Partial<CheckLimits> } = {}): GraderDeps {
  return {
    grade: ({ slug, source, seed, onProgress, signal }) => gradeSubmission({ slug, source, seed, onProgress, signal, limitCaps: opts.limitCaps }),
    graderVersion,
  };
}

export const engineDeps: GraderDeps = createEngineDeps();
