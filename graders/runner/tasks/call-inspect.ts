/**
 * `call-inspect`: like `call`, but also returns every argument as it is after the call (generators as null), so
 * the trusted side can see whether the student's function changed its inputs in place. Measures, never scores.
 */
import { describeThrown, RunnerBug, StudentFailure } from "../errors";
import type { Task } from "./types";

interface CallInspectInput {
  export: string;
  calls: Array<{ args: unknown[] }>;
}

function parseInput(input: unknown): CallInspectInput {
  const value = input as CallInspectInput;
  if (!value || typeof value.export !== "string" || !Array.isArray(value.calls) || !value.calls.every((c) => Array.isArray(c?.args))) {
    throw new RunnerBug("call-inspect: the input needs { export, calls: [{ args: [...] }] }");
  }
  return value;
}

/** A structural copy of an argument after the call: functions (the rng) become null, cycles are cut. */
function snapshot(value: unknown, seen: Set<unknown> = new Set(), depth = 0): unknown {
  if (typeof value === "function") return null;
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value) || depth > 16) return null;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => snapshot(v, seen, depth + 1));
  if (ArrayBuffer.isView(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = snapshot((value as Record<string, unknown>)[key], seen, depth + 1);
  return out;
}

export const callInspectTask: Task = async (input, ctx) => {
  const { export: name, calls } = parseInput(input);
  const fn = ctx.exports[name];
  if (typeof fn !== "function") {
    const exported = Object.keys(ctx.exports).join(", ") || "nothing";
    throw new StudentFailure("runtime", `the submission does not export a function named '${name}' (it exports: ${exported})`);
  }
  const results = [];
  for (let i = 0; i < calls.length; i++) {
    const args = calls[i]!.args;
    let value: unknown;
    try {
      value = (fn as (...a: unknown[]) => unknown)(...args);
      if (value && typeof (value as PromiseLike<unknown>).then === "function") value = await value;
    } catch (err) {
      const { kind, message } = describeThrown(err, `${name} threw on call ${i + 1} of ${calls.length}`);
      throw new StudentFailure(kind, message);
    }
    results.push({ value, argsAfter: args.map((a) => snapshot(a)) });
  }
  return { calls: results };
};
