import "server-only";
import { gradeSubmission } from "@/graders/engine/grade";
import { graderVersion } from "@/graders/engine/version";
import type { GraderDeps } from "./worker";

/** The real grading engine behind the queue worker: compile → sandboxed runner → trusted checks. */
export const engineDeps: GraderDeps = {
  grade: ({ slug, source, seed, onProgress, signal }) => gradeSubmission({ slug, source, seed, onProgress, signal }),
  graderVersion,
};
