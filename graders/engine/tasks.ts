/**
 * The built-in runner tasks as the trusted side sees them: the input a check's prepare() builds and the output its
 * score() receives, validated with zod after decoding (a forged output fails here, before any scoring code sees it).
 * The implementations live in graders/runner/tasks/; a course's own tasks carry their schema in their task.ts.
 */
import { z } from "zod";
import type { TaskDefinition } from "../sdk/task";
import type { HostValue } from "./host-values";
import { valueAndGradsOutputSchema, type ValueAndGradsInput, type ValueAndGradsOutput } from "./clip-ssl-tasks";
import { callInspectOutputSchema, type CallInspectInput, type CallInspectOutput } from "./language-tasks";

export interface CallInput {
  /** The exported function to call. */
  export: string;
  /** One entry per call; each call gets fresh tensors built from these arguments. */
  calls: Array<{ args: HostValue[] }>;
  /** Report progress every this many calls. */
  progressEvery?: number;
}

export interface CallResult {
  value: HostValue;
  /** Milliseconds the call took. */
  ms: number;
  /** Tensors alive after the call minus before it (1 for a function that returns one new tensor and leaks none). */
  newTensors: number;
  /** Whether the function disposed one of its tensor arguments. */
  inputsDisposed: boolean;
  /** Numbers the call drew from the generators (RngArg) among its arguments. */
  draws: number;
}

export interface CallOutput {
  calls: CallResult[];
}

export interface PublicTestsInput {
  /** public.test.ts compiled to CommonJS (see publicTestsCheck). */
  code: string;
}

export interface PublicTestsOutput {
  tests: Array<{ name: string; passed: boolean; message: string }>;
}

export interface TaskTypes {
  call: { input: CallInput; output: CallOutput };
  "public-tests": { input: PublicTestsInput; output: PublicTestsOutput };
  "call-inspect": { input: CallInspectInput; output: CallInspectOutput };
  "value-and-grads": { input: ValueAndGradsInput; output: ValueAndGradsOutput };
}

export type TaskName = keyof TaskTypes;

const anyValue = z.custom<HostValue>(() => true);

export const TASK_OUTPUT_SCHEMAS: { [N in TaskName]: z.ZodType<TaskTypes[N]["output"]> } = {
  call: z.strictObject({
    calls: z.array(
      z.strictObject({ value: anyValue, ms: z.number().min(0), newTensors: z.number().int(), inputsDisposed: z.boolean(), draws: z.number().int().min(0) }),
    ),
  }),
  "public-tests": z.strictObject({
    tests: z.array(z.strictObject({ name: z.string().max(500), passed: z.boolean(), message: z.string().max(5000) })).max(500),
  }),
  "call-inspect": callInspectOutputSchema,
  "value-and-grads": valueAndGradsOutputSchema,
};

export function isTaskName(name: unknown): name is TaskName {
  return typeof name === "string" && Object.prototype.hasOwnProperty.call(TASK_OUTPUT_SCHEMAS, name);
}

/** The schema a task's output is validated with: a built-in task's, or the course task's own. */
export function outputSchema(task: TaskName | TaskDefinition): z.ZodType<unknown> {
  return typeof task === "string" ? TASK_OUTPUT_SCHEMAS[task] : task.output;
}
