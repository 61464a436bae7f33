/**
 * `value-and-grads`: calls one exported function and differentiates its (scalar) result with respect to some of
 * its tensor arguments. Returns the value and the gradients, or the message TF.js gave when no gradient exists
 * (e.g. the result was computed outside TF.js). Public code: it returns raw values and scores nothing.
 */
import type * as tfType from "@tensorflow/tfjs";
import { describeThrown, RunnerBug, StudentFailure } from "../errors";
import type { Task } from "./types";

interface GradCall {
  args: unknown[];
  /** Indices of the tensor arguments to differentiate with respect to. */
  wrt: number[];
}

function parseInput(input: unknown): { export: string; calls: GradCall[] } {
  const value = input as { export: string; calls: GradCall[] };
  const ok = value && typeof value.export === "string" && Array.isArray(value.calls)
    && value.calls.every((c) => Array.isArray(c?.args) && Array.isArray(c.wrt) && c.wrt.every((i) => Number.isInteger(i)));
  if (!ok) throw new RunnerBug("value-and-grads: the input needs { export, calls: [{ args: [...], wrt: [indices] }] }");
  return value;
}

export const valueAndGradsTask: Task = async (input, ctx) => {
  const { export: name, calls } = parseInput(input);
  const fn = ctx.exports[name];
  if (typeof fn !== "function") throw new StudentFailure("runtime", `the submission does not export a function named '${name}'`);
  const call = (args: unknown[]) => (fn as (...a: unknown[]) => unknown)(...args);
  const results = [];
  for (let i = 0; i < calls.length; i++) {
    const { args, wrt } = calls[i]!;
    let value: unknown;
    try {
      value = call(args);
    } catch (err) {
      const { kind, message } = describeThrown(err, `${name} threw on call ${i + 1} of ${calls.length}`);
      throw new StudentFailure(kind, message);
    }
    let grads: tfType.Tensor[] | null = null;
    let gradError: string | null = null;
    try {
      const f = (...xs: tfType.Tensor[]) => {
        const replaced = [...args];
        wrt.forEach((index, j) => (replaced[index] = xs[j]));
        return call(replaced) as tfType.Tensor;
      };
      grads = ctx.tf.grads(f)(wrt.map((index) => args[index] as tfType.Tensor));
    } catch (err) {
      gradError = describeThrown(err, "computing the gradient failed").message;
    }
    results.push({ value, grads, gradError });
  }
  return { calls: results };
};
