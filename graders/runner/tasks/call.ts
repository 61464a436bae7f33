/**
 * `call`: calls one exported function of the submission with each argument list in turn and returns what it
 * returned, how long it took, how many tensors it left behind and whether it disposed its inputs.
 */
import { describeThrown, RunnerBug, StudentFailure } from "../errors";
import type { Task } from "./types";

interface CallInput {
  export: string;
  calls: Array<{ args: unknown[] }>;
  /** Report progress every this many calls (default: never). */
  progressEvery?: number;
}

function parseInput(input: unknown): CallInput {
  const value = input as CallInput;
  if (!value || typeof value.export !== "string" || !Array.isArray(value.calls) || !value.calls.every((c) => Array.isArray(c?.args))) {
    throw new RunnerBug("call: the input needs { export, calls: [{ args: [...] }] }");
  }
  return value;
}

function isDisposedTensor(value: unknown, tf: { Tensor: abstract new (...args: never[]) => unknown }): boolean {
  return value instanceof tf.Tensor && (value as { isDisposed: boolean }).isDisposed;
}

export const callTask: Task = async (input, ctx) => {
  const { export: name, calls, progressEvery } = parseInput(input);
  const fn = ctx.exports[name];
  if (typeof fn !== "function") {
    const exported = Object.keys(ctx.exports).join(", ") || "nothing";
    throw new StudentFailure("runtime", `the submission does not export a function named '${name}' (it exports: ${exported})`);
  }
  const results = [];
  for (let i = 0; i < calls.length; i++) {
    const args = calls[i]!.args;
    const before = ctx.tf.memory().numTensors;
    const started = performance.now();
    let value: unknown;
    try {
      value = (fn as (...a: unknown[]) => unknown)(...args);
      if (value && typeof (value as PromiseLike<unknown>).then === "function") value = await value;
    } catch (err) {
      const { kind, message } = describeThrown(err, `${name} threw on call ${i + 1} of ${calls.length}`);
      throw new StudentFailure(kind, message);
    }
    const ms = performance.now() - started;
    const newTensors = ctx.tf.memory().numTensors - before;
    results.push({ value, ms, newTensors, inputsDisposed: args.some((a) => isDisposedTensor(a, ctx.tf)) });
    if (progressEvery && (i + 1) % progressEvery === 0) ctx.progress({ phase: "calling", metrics: { done: i + 1, total: calls.length } });
  }
  return { calls: results };
};
