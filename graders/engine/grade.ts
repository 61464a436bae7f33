/**
 * gradeSubmission: compile → sandboxed runner → checks → result. The same path serves the queue worker and
 * `npm run course -- grade`. Student-caused failures come back as graded results; an exception is an
 * infrastructure failure (GraderInfraError), a cancellation (GradeAbortedError) or an unknown assignment.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { ProgressFields } from "../runner/protocol-types";
import { loadAssignment, type LoadedAssignment, type LoadedCheck, type RubricOverride } from "./assignments";
import { DEFAULT_LIMITS, type CheckContext, type CheckLimits } from "./check";
import { compileTypeScript } from "./compile";
import { COMPILE_SECONDS } from "./compile-process";
import { GradeAbortedError, GraderInfraError } from "./errors";
import type { GradeError, GradeResult } from "./result";
import { getRunnerBundle } from "./runner-bundle";
import { assertSandboxAvailable } from "./sandbox";
import { assemble, isPassed, type Entry } from "./scoring";
import { RunnerSession } from "./session";
import { sourceMapper } from "./source-map";
import { mergePhases, PENDING_OUTPUT, priorEntry, roleOf, type GradePhase } from "./phases";
import { checkContext, runStages, trusted, type RunnerPool } from "./stages";
import { graderVersion } from "./version";
import { courseRoot } from "../../lib/content/course-root";
import { currentCourseVersion } from "../../lib/course/current-version";

/** compiling | starting | running | scoring, or a phase a check's task reports (e.g. training, with epoch and metrics). */
export type GradeProgress = ProgressFields & {
  /** The check the progress belongs to. */
  check?: string;
};

export interface GradeOptions {
  slug: string;
  /** The submission's TypeScript source. */
  source: string;
  /**
   * Seeds generated inputs and all randomness in the runner. Default: derived from the assignment, its grader
   * version and the compiled source (comments and formatting do not count), so the same code gets the same verdict
   * on every resubmission and regrade, and resubmitting cannot fish for a lucky draw.
   */
  seed?: number;
  onProgress?: (progress: GradeProgress) => void;
  signal?: AbortSignal;
  /** Caps every check's limits, and the compile time by wallSeconds (tests and benchmarks use short ones). */
  limitCaps?: Partial<CheckLimits>;
  /**
   * Tests only: student code also sees the real `process`, so hostile fixtures can prove that the OS walls hold
   * on their own (graders/engine/sandbox.ts). The worker and the CLI never set it.
   */
  unsafeHostAccessForTests?: boolean;
  /** The term's rubric overrides (points, visibility by check id), layered over assignment.yaml. */
  rubric?: Record<string, RubricOverride>;
  /** Two-phase grading (graders/engine/phases.ts): `cheap`, then `expensive` with the cheap result as `prior`. */
  phase?: GradePhase;
  prior?: GradeResult | null;
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

/** The grading seed of a piece of code: a function of the assignment, its grader version and the compiled code. */
export function contentSeed(slug: string, version: string, compiledCode: string): number {
  const digest = createHash("sha256").update(`${slug}\0${version}\0${compiledCode}`).digest();
  return digest.readUInt32BE(0) & 0x7fffffff;
}

/** Grades one submission of `slug`. */
export async function gradeSubmission(opts: GradeOptions): Promise<GradeResult> {
  const started = Date.now();
  const assignment = await loadAssignment(opts.slug, { rubric: opts.rubric });
  try {
    return await gradeLoaded(opts, assignment, started);
  } finally {
    await assignment.host.close();
  }
}

async function gradeLoaded(opts: GradeOptions, assignment: LoadedAssignment, started: number): Promise<GradeResult> {
  let seed = opts.seed ?? 0;
  const progress = (p: GradeProgress) => opts.onProgress?.(p);
  const phase = opts.phase ?? "all";
  if (phase === "expensive" && !opts.prior) throw new GraderInfraError("the expensive phase needs the cheap phase's result (prior)");
  const mode = assertSandboxAvailable();
  // The course's checks run in a sandbox of their own (course-host.ts); it boots while the submission compiles.
  assignment.host.warm();
  const output = [] as string[];
  if (mode === "none") {
    console.warn(`\n*** ${SANDBOX_WARNING} ***\n`);
    output.push(SANDBOX_WARNING);
  }
  const version = await graderVersion(opts.slug);
  const courseVersion = currentCourseVersion(courseRoot());
  const checks = assignment.checks.map((c) => ({ ...c, limits: capLimits(c.limits, opts.limitCaps) }));
  const contextFor = (check: LoadedCheck): CheckContext => checkContext(assignment.slug, check, seed);
  const entries: Entry[] = [];
  const finish = (backend: string | null, loadError: GradeError | null): GradeResult => {
    const result = assemble(assignment, entries, { seed, version, courseVersion, started, backend, loadError, output });
    if (phase === "expensive") return mergePhases(assignment, opts.prior!, result);
    const pending = entries.some((e) => e.scored.state === "skipped" && e.scored.reason === PENDING_OUTPUT);
    return pending ? { ...result, pending_expensive: true } : result;
  };

  progress({ phase: "compiling" });
  const cap = opts.limitCaps?.wallSeconds;
  const compiled = await compileTypeScript(opts.source, cap === undefined ? {} : { seconds: Math.min(COMPILE_SECONDS, cap) });
  if (!compiled.ok) {
    const error: GradeError = { kind: "compile", message: compiled.message };
    for (const check of checks) entries.push({ check, ctx: contextFor(check), started, ms: 0, scored: { state: "failed", error, logs: "" } });
    return finish(null, error);
  }
  seed = opts.seed ?? contentSeed(assignment.slug, version, compiled.module.code);
  const mapStack = sourceMapper(compiled.module.map);
  const bundle = await getRunnerBundle();
  const session = new RunnerSession(bundle, compiled.module.code, checks, opts.signal, { hostAccess: opts.unsafeHostAccessForTests === true });
  const abort = () => {
    session.kill();
    assignment.host.kill();
  };
  opts.signal?.addEventListener("abort", abort, { once: true });

  const pool: RunnerPool = {
    first: (index, check) => session.runnerFor(index, () => progress({ phase: "starting", check: check.id })),
    later: (check) => session.freshRunner(check, () => undefined),
    release: (runner) => session.closeFresh(runner),
    loadFailure: () => session.loadFailure,
    throwIfAborted: () => session.throwIfAborted(),
    host: assignment.host,
  };

  try {
    for (const [index, check] of checks.entries()) {
      session.throwIfAborted();
      const ctx = contextFor(check);
      const role = roleOf(check, phase);
      if (role === "prior") {
        entries.push(priorEntry(check, { ctx, started: Date.now(), ms: 0 }, opts.prior!));
        continue;
      }
      const unmet = check.dependsOn.filter((id) => !isPassed(entries, id));
      if (unmet.length) {
        const titles = unmet.map((id) => `'${checks.find((c) => c.id === id)?.title ?? id}'`).join(", ");
        entries.push({ check, ctx, started: Date.now(), ms: 0, scored: { state: "skipped", reason: `Skipped: this check needs ${titles} to pass first.` } });
        continue;
      }
      if (role === "pending") {
        entries.push({ check, ctx, started: Date.now(), ms: 0, scored: { state: "skipped", reason: PENDING_OUTPUT } });
        continue;
      }
      // The course host prepares the inputs while the runner boots (both are processes of their own).
      // Both settle before a failure is thrown, so the catch below kills a runner that was still starting.
      const [preparing, starting] = await Promise.allSettled([
        trusted(check, "preparing its inputs", () => check.definition.prepare(ctx)),
        session.runnerFor(index, () => progress({ phase: "starting", check: check.id })),
      ]);
      if (preparing.status === "rejected") throw preparing.reason;
      if (starting.status === "rejected") throw starting.reason;
      const prepared = preparing.value;
      const runner = starting.value;
      if (!runner) {
        const failure = session.loadFailure!;
        entries.push({ check, ctx, started: Date.now(), ms: 0, scored: { state: "failed", error: { kind: failure.kind, message: mapStack(failure.message) }, logs: "" } });
        continue;
      }
      const entry: Entry = { check, ctx, started: Date.now(), ms: 0, scored: { state: "skipped", reason: "" } };
      entries.push(entry);
      entry.scored = await runStages({ entry, index, runner, prepared, pool, seed, mapStack, progress });
      entry.ms = Date.now() - entry.started;
    }
    await session.release();
  } catch (err) {
    session.kill();
    assignment.host.kill();
    if (opts.signal?.aborted) throw new GradeAbortedError("grading was cancelled");
    throw err;
  } finally {
    opts.signal?.removeEventListener("abort", abort);
  }
  // A message that arrived after a task finished (a late write, an exit after the result) turned its run into a failure.
  for (const entry of entries) {
    const outcome = entry.record?.outcome;
    if (entry.scored.state === "scored" && outcome && !outcome.ok) {
      entry.scored = { state: "failed", error: { kind: outcome.error.kind, message: mapStack(outcome.error.message) }, logs: outcome.logs };
    }
  }
  const failure = session.loadFailure;
  const loadError = failure ? { kind: failure.kind, message: mapStack(failure.message) } : null;
  if (failure?.logs) output.push(`Console output while loading the submission:\n${failure.logs.trimEnd()}`);
  else if (session.loadLogs.trim()) output.push(`Console output while loading the submission:\n${session.loadLogs.trimEnd()}`);
  return finish(session.backend, loadError);
}
