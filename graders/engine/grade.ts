/**
 * gradeSubmission: compile → sandboxed runner → checks → result. The same path serves the queue worker and
 * `npm run course -- grade`. Student-caused failures come back as graded results; an exception is an
 * infrastructure failure (GraderInfraError), a cancellation (GradeAbortedError) or an unknown assignment.
 */
import "server-only";
import { z } from "zod";
import { createRng, deriveSeed } from "../tf/rng";
import { artifactSchema } from "./artifacts";
import type { ProgressFields } from "../runner/protocol-types";
import { loadAssignment, type LoadedAssignment, type LoadedCheck } from "./assignments";
import { DEFAULT_LIMITS, type CheckContext, type CheckLimits, type CheckScore } from "./check";
import { compileTypeScript } from "./compile";
import { GradeAbortedError, GraderInfraError } from "./errors";
import { hostToWire, wireToHost } from "./host-values";
import { firstError, gradeResultSchema, roundScore, testOutput, type GradeError, type GradeResult, type TestResult } from "./result";
import { getRunnerBundle } from "./runner-bundle";
import type { Outcome, TaskRecord } from "./runner-process";
import { assertSandboxAvailable } from "./sandbox";
import { phaseLimits, RunnerSession } from "./session";
import { sourceMapper } from "./source-map";
import { TASK_OUTPUT_SCHEMAS } from "./tasks";
import { graderVersion } from "./version";
import type { Wire } from "../runner/protocol-types";

/** compiling | starting | running | scoring, or a phase a check's task reports (e.g. training, with epoch and metrics). */
export type GradeProgress = ProgressFields & {
  /** The check the progress belongs to. */
  check?: string;
};

export interface GradeOptions {
  slug: string;
  /** The submission's TypeScript source. */
  source: string;
  /** Seeds generated inputs and all randomness in the runner (default 0). */
  seed?: number;
  onProgress?: (progress: GradeProgress) => void;
  signal?: AbortSignal;
  /** Caps every check's limits (tests and benchmarks use short ones). */
  limitCaps?: Partial<CheckLimits>;
}

type Scored =
  | { state: "scored"; score: CheckScore; logs: string }
  | { state: "failed"; error: GradeError; logs: string }
  | { state: "skipped"; reason: string };

interface Entry {
  check: LoadedCheck;
  ctx: CheckContext;
  started: number;
  ms: number;
  record?: TaskRecord<Wire>;
  scored: Scored;
}

const SANDBOX_WARNING = "WARNING: GRADER_SANDBOX=none: student code ran WITHOUT the bubblewrap sandbox (development only).";

function capLimits(limits: CheckLimits, caps: Partial<CheckLimits> | undefined): CheckLimits {
  if (!caps) return limits;
  const out = { ...limits };
  for (const key of Object.keys(DEFAULT_LIMITS) as Array<keyof CheckLimits>) {
    const cap = caps[key];
    if (cap !== undefined) out[key] = Math.min(out[key], cap);
  }
  return out;
}

async function scoreOutcome(entry: Entry, outcome: Outcome<Wire>, hidden: unknown, mapStack: (s: string) => string): Promise<Scored> {
  const failed = (error: GradeError): Scored => ({ state: "failed", error, logs: outcome.logs });
  if (!outcome.ok) return failed({ kind: outcome.error.kind, message: mapStack(outcome.error.message) });
  const { definition } = entry.check;
  let output: unknown;
  try {
    output = wireToHost(outcome.value);
  } catch (err) {
    return failed({ kind: "output", message: `the output is malformed: ${err instanceof Error ? err.message : String(err)}` });
  }
  const parsed = TASK_OUTPUT_SCHEMAS[definition.task].safeParse(output);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return failed({ kind: "output", message: `the output does not have the shape the check expects (${issue?.path.join(".")}: ${issue?.message})` });
  }
  let score: CheckScore;
  try {
    score = await definition.score(parsed.data as never, hidden, entry.ctx);
  } catch (err) {
    throw new GraderInfraError(`check '${entry.check.id}' failed while scoring: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!Number.isFinite(score.fraction)) throw new GraderInfraError(`check '${entry.check.id}' scored a non-finite fraction`);
  const artifacts = z.array(artifactSchema).safeParse(score.artifacts ?? []);
  if (!artifacts.success) {
    throw new GraderInfraError(`check '${entry.check.id}' returned an invalid artifact: ${artifacts.error.issues[0]?.path.join(".")}: ${artifacts.error.issues[0]?.message}`);
  }
  return { state: "scored", score: { ...score, fraction: Math.min(1, Math.max(0, score.fraction)) }, logs: outcome.logs };
}

function toTest(entry: Entry): TestResult {
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

function assemble(a: LoadedAssignment, entries: Entry[], extra: { seed: number; version: string; started: number; backend: string | null; loadError: GradeError | null; output: string[] }): GradeResult {
  const tests = entries.map(toTest);
  const score = roundScore(tests.reduce((s, t) => s + t.score, 0));
  const leaderboard = entries.flatMap((e) => (e.scored.state === "scored" ? (e.scored.score.leaderboard ?? []) : []));
  return gradeResultSchema.parse({
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
    seed: extra.seed,
  });
}

/** Grades one submission of `slug`. */
export async function gradeSubmission(opts: GradeOptions): Promise<GradeResult> {
  const started = Date.now();
  const seed = opts.seed ?? 0;
  const progress = (p: GradeProgress) => opts.onProgress?.(p);
  const assignment = await loadAssignment(opts.slug);
  const mode = assertSandboxAvailable();
  const output = [] as string[];
  if (mode === "none") {
    console.warn(`\n*** ${SANDBOX_WARNING} ***\n`);
    output.push(SANDBOX_WARNING);
  }
  const version = await graderVersion(opts.slug);
  const checks = assignment.checks.map((c) => ({ ...c, limits: capLimits(c.limits, opts.limitCaps) }));
  const contextFor = (check: LoadedCheck): CheckContext => {
    const checkSeed = deriveSeed(seed, "check", check.id);
    return { assignment: assignment.slug, checkId: check.id, seed: checkSeed, rng: createRng(checkSeed), root: process.cwd() };
  };
  const entries: Entry[] = [];
  const finish = (backend: string | null, loadError: GradeError | null) =>
    assemble(assignment, entries, { seed, version, started, backend, loadError, output });

  progress({ phase: "compiling" });
  const compiled = await compileTypeScript(opts.source);
  if (!compiled.ok) {
    const error: GradeError = { kind: "compile", message: compiled.message };
    for (const check of checks) entries.push({ check, ctx: contextFor(check), started, ms: 0, scored: { state: "failed", error, logs: "" } });
    return finish(null, error);
  }
  const mapStack = sourceMapper(compiled.module.map);
  const bundle = await getRunnerBundle();
  const session = new RunnerSession(bundle, compiled.module.code, checks, opts.signal);
  const abort = () => session.kill();
  opts.signal?.addEventListener("abort", abort, { once: true });
  const pending: Array<{ entry: Entry; hidden: unknown }> = [];
  try {
    for (const [index, check] of checks.entries()) {
      session.throwIfAborted();
      const ctx = contextFor(check);
      const unmet = check.dependsOn.filter((id) => !isPassed(entries, id));
      if (unmet.length) {
        const titles = unmet.map((id) => `'${checks.find((c) => c.id === id)?.title ?? id}'`).join(", ");
        entries.push({ check, ctx, started: Date.now(), ms: 0, scored: { state: "skipped", reason: `Skipped: this check needs ${titles} to pass first.` } });
        continue;
      }
      const prepared = await prepareCheck(check, ctx);
      const runner = await session.runnerFor(index, () => progress({ phase: "starting", check: check.id }));
      if (!runner) {
        const failure = session.loadFailure!;
        entries.push({ check, ctx, started: Date.now(), ms: 0, scored: { state: "failed", error: { kind: failure.kind, message: mapStack(failure.message) }, logs: "" } });
        continue;
      }
      const entry: Entry = { check, ctx, started: Date.now(), ms: 0, scored: { state: "skipped", reason: "" } };
      entries.push(entry);
      progress({ phase: "running", check: check.id });
      const request = { name: check.definition.task, input: prepared.input, seed: deriveSeed(seed, "task", check.id) };
      entry.record = await runner.runTask(check.id, request, phaseLimits(check.limits), (p) => progress({ ...p, check: check.id }));
      session.throwIfAborted();
      entry.ms = Date.now() - entry.started;
      progress({ phase: "scoring", check: check.id });
      entry.scored = await scoreOutcome(entry, entry.record.outcome, prepared.hidden, mapStack);
      pending.push({ entry, hidden: prepared.hidden });
    }
    await session.release();
  } catch (err) {
    session.kill();
    if (opts.signal?.aborted) throw new GradeAbortedError("grading was cancelled");
    throw err;
  } finally {
    opts.signal?.removeEventListener("abort", abort);
  }
  // A message that arrived after a task finished (a forged second result) turned its outcome into a failure.
  for (const { entry, hidden } of pending) {
    if (entry.scored.state === "scored" && entry.record && !entry.record.outcome.ok) entry.scored = await scoreOutcome(entry, entry.record.outcome, hidden, mapStack);
  }
  const failure = session.loadFailure;
  const loadError = failure ? { kind: failure.kind, message: mapStack(failure.message) } : null;
  if (failure?.logs) output.push(`Console output while loading the submission:\n${failure.logs.trimEnd()}`);
  else if (session.loadLogs.trim()) output.push(`Console output while loading the submission:\n${session.loadLogs.trimEnd()}`);
  return finish(session.backend, loadError);
}

/** Runs a check's trusted prepare() and encodes its input; a failure there is the grader's, not the student's. */
async function prepareCheck(check: LoadedCheck, ctx: CheckContext): Promise<{ input: Wire; hidden: unknown }> {
  try {
    const prepared = await check.definition.prepare(ctx);
    return { input: hostToWire(prepared.input), hidden: prepared.hidden };
  } catch (err) {
    throw new GraderInfraError(`check '${check.id}' failed while preparing its inputs: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function isPassed(entries: Entry[], id: string): boolean {
  const entry = entries.find((e) => e.check.id === id);
  return entry?.scored.state === "scored" && (entry.scored.score.passed ?? entry.scored.score.fraction >= 1);
}
