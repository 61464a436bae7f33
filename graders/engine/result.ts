/**
 * The result of grading one submission: Gradescope-compatible JSON (score, max_score, execution_time, tests[],
 * leaderboard[]) extended with assignment, passed, backend, error, per-test check/error/artifacts, seed and
 * grader_version. It is the instructor view: every test is included; the platform hides what visibility hides.
 */
import { z } from "zod";
import { visibilitySchema } from "../../lib/content/assignment-schema";
import { artifactSchema } from "./artifacts";

export const errorKindSchema = z.enum(["compile", "runtime", "timeout", "memory", "sandbox", "output"]);

export const gradeErrorSchema = z.strictObject({ kind: errorKindSchema, message: z.string() });

export const testResultSchema = z.strictObject({
  name: z.string(),
  /** The check id from the rubric. */
  check: z.string(),
  score: z.number(),
  max_score: z.number(),
  status: z.enum(["passed", "failed"]),
  /** Feedback, then the console output of the check's task. */
  output: z.string(),
  visibility: visibilitySchema,
  execution_time: z.number(),
  /** The student-caused failure of this check, if any. */
  error: gradeErrorSchema.nullable(),
  artifacts: z.array(artifactSchema),
});

export const leaderboardEntrySchema = z.strictObject({ name: z.string(), value: z.number(), order: z.enum(["asc", "desc"]) });

export const gradeResultSchema = z.strictObject({
  assignment: z.string(),
  score: z.number(),
  max_score: z.number(),
  /** score >= pass_threshold × max_score. */
  passed: z.boolean(),
  /** Seconds from the start of grading to the result. */
  execution_time: z.number(),
  /** The TF.js backend the runner used; null when no runner started (compile error). */
  backend: z.string().nullable(),
  /** The first student-caused failure (details withheld when it happened in a check that is not visible). */
  error: gradeErrorSchema.nullable(),
  tests: z.array(testResultSchema),
  leaderboard: z.array(leaderboardEntrySchema),
  /** A summary and the console output of loading the submission. */
  output: z.string(),
  grader_version: z.string(),
  /** The course version graded with: the live published version (git:… or sha256:…), or folder:<hash> unpublished. */
  course_version: z.string().optional(),
  seed: z.number().int(),
  /** A cheap-phase result whose experiments are still to run (graders/engine/phases.ts). */
  pending_expensive: z.boolean().optional(),
});

export type GradeErrorKind = z.infer<typeof errorKindSchema>;
export type GradeError = z.infer<typeof gradeErrorSchema>;
export type TestResult = z.infer<typeof testResultSchema>;
export type GradeResult = z.infer<typeof gradeResultSchema>;

export function roundScore(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Joins feedback and console output into a test's output. */
export function testOutput(feedback: string, logs: string): string {
  const trimmed = logs.trimEnd();
  return trimmed ? `${feedback}\n\nConsole output:\n${trimmed}` : feedback;
}

/** The top-level error: the first failure, with details only when its check is visible. */
export function firstError(tests: TestResult[], loadError: GradeError | null): GradeError | null {
  if (loadError) return loadError;
  const failed = tests.find((t) => t.error);
  if (!failed?.error) return null;
  if (failed.visibility === "visible") return { kind: failed.error.kind, message: `${failed.name}: ${failed.error.message}` };
  const when = failed.visibility === "hidden" ? "a hidden check" : "a check shown after the due date";
  return { kind: failed.error.kind, message: `${when} failed (${failed.error.kind}); its details are not shown` };
}
