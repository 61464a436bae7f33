/**
 * `call-inspect`: like `call`, but also returns every argument as it is after the call (generators as null), so
 * the trusted side can see whether the student's function changed its inputs in place. Measures, never scores.
 */
import { types } from "node:util";
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

const isProxy = types.isProxy;
const getDescriptor = Object.getOwnPropertyDescriptor;
const ownKeys = Object.keys;
const isArray = Array.isArray;
const isView = ArrayBuffer.isView;
const TYPED: Array<new (source: ArrayLike<number>) => ArrayLike<number>> = [Float32Array, Float64Array, Int32Array, Uint8Array, Int16Array, Uint16Array, Int8Array, Uint32Array, Uint8ClampedArray];

/** Marks what a call did to an argument that a copy of its values cannot show. */
const REPLACED_BY_PROXY = "‹replaced by a Proxy›";
const ACCESSOR = "‹turned into a getter›";

/** A copy of a typed array through the intrinsic constructor of its kind (no species lookup, no student method). */
function copyTyped(value: ArrayBufferView): unknown {
  for (const Typed of TYPED) if (value instanceof Typed) return new Typed(value as unknown as ArrayLike<number>);
  return REPLACED_BY_PROXY;
}

/**
 * A structural copy of an argument after the call, read through own data properties only: functions (the rng)
 * become null, cycles are cut, a getter or a Proxy put in place of a value is marked, so the trusted side sees a
 * change however the student's code made it.
 */
function snapshot(value: unknown, seen: Set<unknown> = new Set(), depth = 0): unknown {
  if (typeof value === "function") return null;
  if (value === null || typeof value !== "object") return value;
  if (isProxy(value)) return REPLACED_BY_PROXY;
  if (seen.has(value) || depth > 16) return null;
  seen.add(value);
  if (isView(value)) return copyTyped(value as ArrayBufferView);
  const read = (key: string): unknown => {
    const d = getDescriptor(value, key);
    if (!d) return undefined;
    return "value" in d ? snapshot(d.value, seen, depth + 1) : ACCESSOR;
  };
  if (isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(read(String(i)));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of ownKeys(value)) out[key] = read(key);
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
