/**
 * `@unlabeled/sdk/task`: what an assignment's task.ts imports. A task is the code that runs in the sandbox next to
 * the student's code (it calls the student's exports and returns raw values, never a verdict) plus the zod schema the
 * trusted side validates those values with. One definition serves both sides: the runner bundle includes every
 * assignment's task.ts and calls `run`; the engine loads the same file and validates with `output`.
 *
 * Task code is public (a student could read the runner): it must hold nothing hidden.
 */
import { z } from "zod";
import { HostTensor } from "../engine/host-values";
import type { TaskContext } from "../runner/tasks/types";

export { z };
export { HostTensor } from "../engine/host-values";
export type { HostValue } from "../engine/host-values";
export { describeThrown, RunnerBug, StudentFailure } from "../runner/errors";
export type { TaskContext } from "../runner/tasks/types";
export { buildSeeded, fitSeeded, withSeededRandom, evaluateSeeded } from "../tf/seeded";
export { createRng, deriveSeed, normal, permutation } from "../tf/rng";

export interface TaskDefinition<Input = unknown, Output = unknown> {
  /** kebab-case, unique in the course; checks name the task by this object. */
  readonly name: string;
  /**
   * Optional: validates what a check's prepare() built, on the trusted side before it is sent (tensors are
   * HostTensors there). A mismatch is the check author's bug, reported as a grader error naming the check.
   */
  readonly input?: z.ZodType<Input>;
  /** Validates the task's output on the trusted side, after decoding (tensors are HostTensors there). */
  readonly output: z.ZodType<Output>;
  /**
   * Runs in the sandbox: `input` is the check's prepared input decoded (tensors are tf.Tensors, RngArgs generators).
   * Throw StudentFailure for a failure of the student's code with a complete message, RunnerBug for malformed input.
   */
  run(input: unknown, ctx: TaskContext): Promise<unknown>;
  /** Type only: what a check's prepare() must build for this task. */
  readonly __input?: Input;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Defines a task; the types flow into defineCheck's prepare() and score(). */
export function defineTask<Input, Output>(task: { name: string; input?: z.ZodType<Input>; output: z.ZodType<Output>; run: TaskDefinition["run"] }): TaskDefinition<Input, Output> {
  if (!NAME.test(task.name)) throw new Error(`task name '${task.name}' must be kebab-case`);
  return Object.freeze({ name: task.name, input: task.input, output: task.output, run: task.run });
}

/** Schema helpers for task outputs. */
export const hostTensor = z.custom<HostTensor>((v) => v instanceof HostTensor, "expected a tensor");
/** Any number, NaN and ±Infinity included (a diverged training run is a result, not a forgery). */
export const anyNumber = z.custom<number>((v) => typeof v === "number", "expected a number");
export const anyValue = z.custom<import("../engine/host-values").HostValue>(() => true);

export function isTaskDefinition(value: unknown): value is TaskDefinition {
  const t = value as Partial<TaskDefinition> | null;
  return !!t && typeof t === "object" && typeof t.name === "string" && typeof t.run === "function" && typeof (t.output as { safeParse?: unknown })?.safeParse === "function";
}
