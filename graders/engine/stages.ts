/**
 * Running one check: its first run, then every further run its next() asks for in a runner of its own, then the
 * trusted score. Shared by grading (graders/engine/grade.ts, where each later run gets a fresh process) and by
 * calibration (calibrate.ts, which reuses processes across seeds for a reference solution). The derivation of a
 * check's context and task seed lives here too, so both grade identically.
 */
import { assignmentRoot, courseRoot } from "../../lib/content/course-root";
import { createRng, deriveSeed } from "../tf/rng";
import type { Wire } from "../runner/protocol-types";
import type { LoadedCheck } from "./assignments";
import { isRemoteTask, type HostLease } from "./course-checks";
import { MAX_STAGES, taskName, type CheckContext, type Prepared } from "./check";
import { GraderInfraError } from "./errors";
import { hostToWire } from "./host-values";
import type { RunnerProcess, StudentError } from "./runner-process";
import { scoreOutput, validateOutcome, type Entry, type Scored } from "./scoring";
import { phaseLimits } from "./session";
import type { GradeProgress } from "./grade";

export function checkContext(slug: string, check: LoadedCheck, seed: number): CheckContext {
  const checkSeed = deriveSeed(seed, "check", check.id);
  return { assignment: slug, checkId: check.id, seed: checkSeed, rng: createRng(checkSeed), root: courseRoot(), dir: assignmentRoot(slug) };
}

/** Runs a check's trusted prepare()/next(); a failure there is the grader's, not the student's. */
export async function trusted<T>(check: LoadedCheck, what: string, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof GraderInfraError) throw err;
    throw new GraderInfraError(`check '${check.id}' failed while ${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function encodeInput(check: LoadedCheck, prepared: Prepared<unknown, unknown>): Wire {
  const task = check.definition.task;
  // A course task's input schema is the course's code: the course-check host applied it in prepare().
  if (typeof task !== "string" && !isRemoteTask(task) && task.input) {
    const parsed = task.input.safeParse(prepared.input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new GraderInfraError(`check '${check.id}' built an input that task '${task.name}' rejects: ${issue ? `${issue.path.join(".") || "input"}: ${issue.message}` : "invalid"}`);
    }
  }
  try {
    return hostToWire(prepared.input);
  } catch (err) {
    throw new GraderInfraError(`check '${check.id}' built an input that cannot be sent: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Where a check's runs happen. */
export interface RunnerPool {
  /** The runner for the first run (the submission's shared runner). */
  first(index: number, check: LoadedCheck): Promise<RunnerProcess | null>;
  /** A runner for a later run. */
  later(check: LoadedCheck): Promise<RunnerProcess | null>;
  /** Done with a runner from later(). */
  release(runner: RunnerProcess): Promise<void>;
  loadFailure(): StudentError | null;
  throwIfAborted(): void;
  /** The course-check host of the grading (validates course tasks' outputs). */
  host: HostLease;
}

export interface StageRun {
  entry: Entry;
  index: number;
  runner: RunnerProcess;
  prepared: Prepared<unknown, unknown>;
  pool: RunnerPool;
  seed: number;
  mapStack: (s: string) => string;
  progress: (p: GradeProgress) => void;
}

/** Runs the check's stages: the first in `runner`, every later one in a runner from pool.later(). */
export async function runStages(run: StageRun): Promise<Scored> {
  const { entry, index, pool, seed, mapStack, progress } = run;
  const { check, ctx } = entry;
  const loadFailed = (): Scored => {
    const failure = pool.loadFailure()!;
    return { state: "failed", error: { kind: failure.kind, message: mapStack(failure.message) }, logs: "" };
  };
  let prepared = run.prepared;
  let current = run.runner;
  for (let stage = 1; ; stage++) {
    const request = { name: taskName(check.definition.task), input: encodeInput(check, prepared), seed: prepared.runnerSeed ?? deriveSeed(seed, "task", check.id) };
    progress({ phase: "running", check: check.id });
    let record = await current.runTask(check.id, request, phaseLimits(check.limits), (p) => progress({ ...p, check: check.id }));
    if (!record.outcome.ok && record.outcome.notStarted) {
      // The runner died right after the previous check (which fails for it) and never took this one: run it anew.
      const again = stage === 1 ? await pool.first(index, check) : await pool.later(check);
      if (!again) return loadFailed();
      if (stage > 1) await pool.release(current);
      current = again;
      record = await current.runTask(check.id, request, phaseLimits(check.limits), (p) => progress({ ...p, check: check.id }));
    }
    if (stage === 1) entry.record = record;
    else await pool.release(current);
    pool.throwIfAborted();
    const validated = await validateOutcome(entry, record.outcome, mapStack, pool.host);
    if (!validated.ok) return validated.scored;
    const next = check.definition.next;
    const following = next && stage < MAX_STAGES ? await trusted(check, "preparing its next run", () => next(validated.output as never, prepared.hidden, ctx, stage)) : null;
    if (!following) {
      progress({ phase: "scoring", check: check.id });
      return scoreOutput(entry, validated.output, prepared.hidden, validated.logs);
    }
    prepared = following;
    progress({ phase: "starting", check: check.id });
    const fresh = await pool.later(check);
    if (!fresh) return loadFailed();
    current = fresh;
  }
}
