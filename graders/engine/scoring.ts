/**
 * The trusted half of a check after its task ran: validate the raw output against the task's schema, call the
 * check's score(), make what it returns storable, and assemble the result. A student's garbage (a malformed
 * output, NaN everywhere, runaway lengths) always ends as a graded, failed check; only a check that throws, or
 * builds an artifact that is still invalid after sanitising, is a grader bug (GraderInfraError).
 */
import { z } from "zod";
import { sanitizeArtifact } from "./artifact-sanitize";
import { artifactSchema } from "./artifacts";
import type { LoadedAssignment, LoadedCheck } from "./assignments";
import type { CheckContext, CheckScore } from "./check";
import { isRemoteTask, validateRemoteOutput, type HostLease } from "./course-checks";
import { GraderInfraError } from "./errors";
import { wireToHost } from "./host-values";
import { firstError, gradeResultSchema, roundScore, testOutput, type GradeError, type GradeResult, type TestResult } from "./result";
import type { Outcome, TaskRecord } from "./runner-process";
import { outputSchema } from "./tasks";
import { cleanText } from "./text";
import type { Wire } from "../runner/protocol-types";

export type Scored =
  | { state: "scored"; score: CheckScore; logs: string }
  | { state: "failed"; error: GradeError; logs: string }
  | { state: "skipped"; reason: string };

export interface Entry {
  check: LoadedCheck;
  ctx: CheckContext;
  started: number;
  ms: number;
  /** The run in the submission's shared runner, whose outcome a late message can still turn into a failure. */
  record?: TaskRecord<Wire>;
  scored: Scored;
}

export type Validated = { ok: true; output: unknown; logs: string } | { ok: false; scored: Scored };

/** Decodes and schema-checks a task's outcome (a course task's schema is checked in its course-check host). */
export async function validateOutcome(entry: Entry, outcome: Outcome<Wire>, mapStack: (s: string) => string, lease?: HostLease): Promise<Validated> {
  const failed = (error: GradeError): Validated => ({ ok: false, scored: { state: "failed", error, logs: outcome.logs } });
  if (!outcome.ok) return failed({ kind: outcome.error.kind, message: mapStack(outcome.error.message) });
  let output: unknown;
  try {
    output = wireToHost(outcome.value);
  } catch (err) {
    return failed({ kind: "output", message: `the output is malformed: ${err instanceof Error ? err.message : String(err)}` });
  }
  const task = entry.check.definition.task;
  if (isRemoteTask(task)) {
    if (!lease) throw new GraderInfraError(`check '${entry.check.id}': a course task's output needs its course-check host`);
    const checked = await validateRemoteOutput(lease, entry.check.id, output, entry.check.limits).catch((err: unknown) => {
      throw err instanceof GraderInfraError ? err : new GraderInfraError(`check '${entry.check.id}' failed while validating the output: ${err instanceof Error ? err.message : String(err)}`);
    });
    if (!checked.ok) return failed({ kind: "output", message: `the output does not have the shape the check expects (${checked.message})` });
    return { ok: true, output: checked.data, logs: outcome.logs };
  }
  const parsed = outputSchema(task).safeParse(output);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return failed({ kind: "output", message: `the output does not have the shape the check expects (${issue?.path.join(".")}: ${issue?.message})` });
  }
  return { ok: true, output: parsed.data, logs: outcome.logs };
}

/** Runs the check's trusted score() on a validated output. */
export async function scoreOutput(entry: Entry, output: unknown, hidden: unknown, logs: string): Promise<Scored> {
  let score: CheckScore;
  try {
    score = await entry.check.definition.score(output as never, hidden, entry.ctx);
  } catch (err) {
    if (err instanceof GraderInfraError) throw err;
    throw new GraderInfraError(`check '${entry.check.id}' failed while scoring: ${err instanceof Error ? err.message : String(err)}`);
  }
  let fraction = score.fraction;
  let feedback = typeof score.feedback === "string" ? score.feedback : String(score.feedback);
  if (!Number.isFinite(fraction)) {
    // NaN from a student's NaN: no points, said plainly (course check proves the reference scores finitely).
    fraction = 0;
    feedback = `${feedback}\n(The check could not compute a score from this output: it holds NaN or infinite values.)`.trim();
  }
  const artifacts = z.array(artifactSchema).safeParse((score.artifacts ?? []).map(sanitizeArtifact));
  if (!artifacts.success) {
    throw new GraderInfraError(`check '${entry.check.id}' returned an invalid artifact: ${artifacts.error.issues[0]?.path.join(".")}: ${artifacts.error.issues[0]?.message}`);
  }
  const leaderboard = (score.leaderboard ?? []).filter((l) => Number.isFinite(l.value));
  const passed = Number.isFinite(score.fraction) ? score.passed : false;
  return {
    state: "scored",
    score: { ...score, fraction: Math.min(1, Math.max(0, fraction)), feedback, passed, artifacts: artifacts.data, leaderboard },
    logs,
  };
}

export function toTest(entry: Entry): TestResult {
  const { check, scored } = entry;
  const base = { name: check.title, check: check.id, max_score: check.points, visibility: check.visibility, execution_time: roundScore(entry.ms / 1000) };
  if (scored.state === "skipped") return { ...base, score: 0, status: "failed", output: scored.reason, error: null, artifacts: [] };
  if (scored.state === "failed") {
    const feedback = `Failed (${scored.error.kind}): ${scored.error.message}`;
    return { ...base, score: 0, status: "failed", output: testOutput(feedback, scored.logs), error: scored.error, artifacts: [] };
  }
  const { fraction, feedback, passed, artifacts } = scored.score;
  return {
    ...base,
    score: roundScore(fraction * check.points),
    status: (passed ?? fraction >= 1) ? "passed" : "failed",
    output: testOutput(feedback, scored.logs),
    error: null,
    artifacts: artifacts ?? [],
  };
}

export function isPassed(entries: Entry[], id: string): boolean {
  const entry = entries.find((e) => e.check.id === id);
  return entry?.scored.state === "scored" && (entry.scored.score.passed ?? entry.scored.score.fraction >= 1);
}

/** Every text of the result with control characters made visible (student output reaches terminals and pages). */
function cleanResult(result: GradeResult): GradeResult {
  const error = (e: GradeError | null) => (e ? { ...e, message: cleanText(e.message) } : null);
  return {
    ...result,
    error: error(result.error),
    output: cleanText(result.output),
    tests: result.tests.map((t) => ({ ...t, name: cleanText(t.name), output: cleanText(t.output), error: error(t.error) })),
  };
}

export function assemble(
  a: LoadedAssignment,
  entries: Entry[],
  extra: { seed: number; version: string; courseVersion?: string; started: number; backend: string | null; loadError: GradeError | null; output: string[] },
): GradeResult {
  const tests = entries.map(toTest);
  const score = roundScore(tests.reduce((s, t) => s + t.score, 0));
  const leaderboard = entries.flatMap((e) => (e.scored.state === "scored" ? (e.scored.score.leaderboard ?? []) : []));
  return cleanResult(
    gradeResultSchema.parse({
      assignment: a.slug,
      score,
      max_score: a.config.points,
      passed: score >= a.config.pass_threshold * a.config.points - 1e-9,
      execution_time: roundScore((Date.now() - extra.started) / 1000),
      backend: extra.backend,
      error: firstError(tests, extra.loadError),
      tests,
      leaderboard,
      output: extra.output.join("\n\n"),
      grader_version: extra.version,
      course_version: extra.courseVersion,
      seed: extra.seed,
    }),
  );
}
