/**
 * Two-phase grading: `cheap` runs every check but the experiments (and the checks that build on them), `expensive`
 * runs only those, given the cheap result, and returns the complete one. Per-check seeds are the same as in one
 * `all` grading, so cheap + expensive gives what `all` gives. The queue (lib/grading/phases.ts) runs the cheap phase
 * of every queued submission before any experiment.
 */
import type { LoadedAssignment, LoadedCheck } from "./assignments";
import { GraderInfraError } from "./errors";
import { firstError, gradeResultSchema, roundScore, type GradeResult, type TestResult } from "./result";
import type { Entry } from "./scoring";

export type GradePhase = "all" | "cheap" | "expensive";

export const PENDING_OUTPUT = "Waiting for its turn: this experiment runs once the quick checks of every queued submission are done.";

/** What a phase does with a check: run it, keep it for the other phase, or take it from the prior result. */
export function roleOf(check: LoadedCheck, phase: GradePhase): "run" | "pending" | "prior" {
  if (phase === "all") return "run";
  if (phase === "cheap") return check.experiment ? "pending" : "run";
  return check.experiment ? "run" : "prior";
}

/** An entry that stands for a check the prior (cheap) result already scored, for dependencies and the final result. */
export function priorEntry(check: LoadedCheck, entry: Omit<Entry, "scored" | "check">, prior: GradeResult): Entry {
  const t = prior.tests.find((x) => x.check === check.id);
  if (!t) throw new GraderInfraError(`the cheap phase's result has no test for check '${check.id}'`);
  const fraction = t.max_score > 0 ? t.score / t.max_score : t.status === "passed" ? 1 : 0;
  return { ...entry, check, ms: t.execution_time * 1000, scored: { state: "scored", score: { fraction, feedback: t.output, passed: t.status === "passed", artifacts: t.artifacts }, logs: "" } };
}

/** The final result of the expensive phase: the prior's tests with the experiments' replaced, totals recomputed. */
export function mergePhases(a: LoadedAssignment, prior: GradeResult, expensive: GradeResult): GradeResult {
  const fresh = new Map(expensive.tests.map((t) => [t.check, t]));
  const tests: TestResult[] = prior.tests.map((t) => {
    const check = a.checks.find((c) => c.id === t.check);
    return check?.experiment ? (fresh.get(t.check) ?? t) : t;
  });
  const score = roundScore(tests.reduce((s, t) => s + t.score, 0));
  const leaderboard = [...prior.leaderboard, ...expensive.leaderboard.filter((e) => !prior.leaderboard.some((p) => p.name === e.name))];
  const { pending_expensive: _pending, ...rest } = prior;
  return gradeResultSchema.parse({
    ...rest,
    score,
    passed: score >= a.config.pass_threshold * a.config.points - 1e-9,
    execution_time: roundScore(prior.execution_time + expensive.execution_time),
    backend: prior.backend ?? expensive.backend,
    error: prior.error ?? firstError(tests, null),
    tests,
    leaderboard,
    output: [prior.output, expensive.output].filter(Boolean).join("\n\n"),
  });
}
