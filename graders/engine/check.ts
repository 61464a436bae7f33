/**
 * The Check API. A check has an untrusted part (a named runner task with inputs built by `prepare`) and a trusted
 * part (`score`: the task's raw output + the hidden data → a fraction of the points, feedback and artifacts).
 * Both parts are the course's code and run in its course-check host (graders/course-host/); `hidden` never leaves
 * it. See graders/engine/README.md.
 */
import type { Visibility } from "../../lib/content/assignment-schema";
import type { Artifact } from "./artifacts";
import type { TaskDefinition } from "../sdk/task";
import type { TaskName, TaskTypes } from "./tasks";

export interface CheckLimits {
  /** Wall-clock seconds for the check's task; the sandbox is killed after it. */
  wallSeconds: number;
  /** CPU seconds (all threads) the task may use; enforced with RLIMIT_CPU on the runner process. */
  cpuSeconds: number;
  /** MiB of JavaScript heap, and of array buffers, for the runner process. */
  memoryMb: number;
  /** Bytes the task may send back (its output message and progress). */
  outputBytes: number;
  /** Bytes the task may print to the console. */
  logBytes: number;
}

export const DEFAULT_LIMITS: CheckLimits = {
  wallSeconds: 30,
  cpuSeconds: 60,
  memoryMb: 1024,
  outputBytes: 1024 * 1024,
  logBytes: 1024 * 1024,
};

/** Seconds allowed for evaluating the submission's module body before any check runs. */
export const LOAD_SECONDS = 10;

export interface CheckContext {
  /** The assignment slug. */
  assignment: string;
  checkId: string;
  /** The grading seed (per submission), mixed with the check id. */
  seed: number;
  /** A generator seeded from `seed`: use it (never Math.random) for generated inputs. */
  rng: () => number;
  /** The course's folder (absolute): where the course-check host runs the check, the only folder it can read. */
  root: string;
  /** The assignment's folder in the served course (assignment.yaml, public.test.ts, hidden/), absolute. */
  dir: string;
}

export interface LeaderboardEntry {
  name: string;
  value: number;
  order: "asc" | "desc";
}

export interface CheckScore {
  /** Fraction of the check's points earned, in [0, 1]. */
  fraction: number;
  /** Feedback shown as the test's output (subject to the check's visibility). */
  feedback: string;
  /** Defaults to fraction === 1. */
  passed?: boolean;
  artifacts?: Artifact[];
  leaderboard?: LeaderboardEntry[];
}

/** A check's task: a built-in one by name (call, call-inspect, value-and-grads, public-tests) or a course's defineTask(). */
export type TaskRef = TaskName | TaskDefinition<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What prepare() builds for a task, and what score() receives from it. */
export type InputOf<T> = T extends TaskName ? TaskTypes[T]["input"] : T extends TaskDefinition<infer I, unknown> ? I : never;
export type OutputOf<T> = T extends TaskName ? TaskTypes[T]["output"] : T extends TaskDefinition<unknown, infer O> ? O : never;

export interface Prepared<I, H> {
  input: I;
  hidden: H;
  /** Seeds this run's Math.random and generators in the runner (default: derived from the grading seed and check). */
  runnerSeed?: number;
}

export interface CheckDefinition<N extends TaskRef = TaskRef, H = unknown> {
  /** kebab-case; the rubric in assignment.yaml names checks by id. */
  id: string;
  title: string;
  /** Default visibility; the rubric item in assignment.yaml overrides it. Points live only in the rubric. */
  visibility: Visibility;
  limits?: Partial<CheckLimits>;
  /** Checks (earlier in the rubric) that must pass first; otherwise this one is skipped with 0 points. */
  dependsOn?: readonly string[];
  /** Run in a runner process of its own instead of sharing the submission's runner. */
  isolate?: boolean;
  /**
   * An expensive experiment (training). Default: a wall-clock limit of EXPERIMENT_WALL_SECONDS or more. Grading in
   * two phases runs every other check first, for every queued submission, and the experiments after.
   */
  experiment?: boolean;
  /** The task that runs the student's code: a built-in one by name, or the assignment's defineTask() from task.ts. */
  task: N;
  /** Trusted: builds the task input (no hidden values in it!) and the hidden data kept for scoring. */
  prepare(ctx: CheckContext): Prepared<InputOf<N>, H> | Promise<Prepared<InputOf<N>, H>>;
  /**
   * Optional further runs of the same task, each in a **fresh runner process** that has seen nothing of the
   * earlier runs (no module state, no globals, no TF.js state): builds the next input from what the previous run
   * returned, or returns null when there is nothing more to run. Use it whenever a check's meaning depends on calls
   * being independent: encode in one process and decode in another, compare two runs with the same rng, perturb
   * an input and rerun. `score` then receives the last run's output; carry earlier outputs in `hidden`.
   * `stage` counts the runs done so far (1 after the first).
   */
  next?(output: OutputOf<N>, hidden: H, ctx: CheckContext, stage: number): Prepared<InputOf<N>, H> | null | Promise<Prepared<InputOf<N>, H> | null>;
  /** Trusted: scores the task's validated output. A throw here is a grader bug (an infrastructure error). */
  score(output: OutputOf<N>, hidden: H, ctx: CheckContext): CheckScore | Promise<CheckScore>;
}

/** A check that asks for this many seconds of wall clock or more is an experiment unless it says otherwise. */
export const EXPERIMENT_WALL_SECONDS = 20;

/** Runs a check may chain with next() (the first included). */
export const MAX_STAGES = 8;

/** Any check, whatever its task and hidden data (prepare and score are methods, so this accepts every check). */
export type AnyCheck = CheckDefinition<TaskRef, unknown>;

/** Identity with inference: `defineCheck({ task: "call", prepare, score, ... })` types prepare and score. */
export function defineCheck<N extends TaskRef, H>(check: CheckDefinition<N, H>): CheckDefinition<N, H> {
  return check;
}

/** The name a check's task goes by in the runner. */
export function taskName(task: TaskRef): string {
  return typeof task === "string" ? task : task.name;
}

/** What an assignment's hidden/checks.ts exports. */
export interface ChecksModule {
  checks: readonly AnyCheck[];
}
