/** Errors the engine throws. A student-caused failure is never one of these: it is a graded result. */

/** The grader could not grade (sandbox missing, runner failed to boot, a check's scorer crashed): retry later. */
export class GraderInfraError extends Error {
  override name = "GraderInfraError";
}

/** No assignment with this slug (no <course>/assignments/<slug> with assignment.yaml and hidden/checks.ts). */
export class UnknownAssignmentError extends Error {
  override name = "UnknownAssignmentError";
}

/** The assignment's files disagree with each other or the schema (an authoring error). */
export class AssignmentConfigError extends GraderInfraError {
  override name = "AssignmentConfigError";
}

/** Grading stopped because the caller's AbortSignal fired. */
export class GradeAbortedError extends Error {
  override name = "GradeAbortedError";
}
