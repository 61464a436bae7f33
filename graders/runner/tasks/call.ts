/**
 * `call`: calls one exported function of the submission with each argument list in turn and returns what it
 * returned, how long it took, how many tensors it left behind, whether it disposed its inputs and how many numbers
 * it drew from the generators it was given. The tensor figures come from the runner's tensor ledger and the draw
 * counts from counters inside the generators, none of which student code can read or change.
 */
import { describeThrown, RunnerBug, StudentFailure } from "../errors";
import { drawsOf } from "../values";
import type { Task, TaskContext } from "./types";

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

/** Tensors among the arguments that the ledger no longer counts as live: the call disposed them. */
function disposedInputs(tensors: unknown[], ledger: TaskContext["ledger"]): boolean {
  return tensors.some((t) => !ledger.isLive(t));
}

export const callTask: Task = async (input, ctx) => {
  const { export: name, calls, progressEvery } = parseInput(input);
  const fn = ctx.exports[name];
  if (typeof fn !== "function") {
    const exported = Object.keys(ctx.exports).join(", ") || "nothing";
    throw new StudentFailure("runtime", `the submission does not export a function named '${name}' (it exports: ${exported})`);
  }
  const results = [];
  const now = performance.now.bind(performance);
  for (let i = 0; i < calls.length; i++) {
    const args = calls[i]!.args;
    // The input tensors, as the runner created them (the student's function receives copies of the references).
    const tensors = args.filter((a) => ctx.ledger.isLive(a));
    const before = ctx.ledger.live();
    const drawnBefore = drawsOf(args);
    const started = now();
    let value: unknown;
    try {
      value = (fn as (...a: unknown[]) => unknown)(...args);
      if (value && typeof (value as PromiseLike<unknown>).then === "function") value = await value;
    } catch (err) {
      const { kind, message } = describeThrown(err, `${name} threw on call ${i + 1} of ${calls.length}`);
      throw new StudentFailure(kind, message);
    }
    const ms = now() - started;
    const newTensors = ctx.ledger.live() - before;
    results.push({ value, ms, newTensors, inputsDisposed: disposedInputs(tensors, ctx.ledger), draws: drawsOf(args) - drawnBefore });
    if (progressEvery && (i + 1) % progressEvery === 0) ctx.progress({ phase: "calling", metrics: { done: i + 1, total: calls.length } });
  }
  return { calls: results };
};
