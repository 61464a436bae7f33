/**
 * Runner-side conversion between wire values and what student code sees: tensors become tf.Tensors, `rng` seeds
 * become seeded generators, and whatever the student returns is encoded back (tensors read out as typed arrays).
 */
import * as tf from "@tensorflow/tfjs";
import { createRng } from "../tf/rng";
import { decodeWire, sizeOf, toBase64, typedKindOf, type NumericArray } from "./wire-codec";
import { StudentFailure } from "./errors";
import type { Wire, WireDType } from "./protocol-types";

const MAX_DEPTH = 32;
/** Values (array items, fields, tensors) one output may hold: far above any real output, far below a "billion laughs". */
const MAX_NODES = 1_000_000;
const getPrototypeOf = Object.getPrototypeOf;
const objectProto = Object.prototype;
const isArray = Array.isArray;
const ownKeys = Object.keys;

/** How many numbers each generator handed to student code has produced (the counter is the runner's alone). */
const draws = new WeakMap<object, () => number>();
const countOf = WeakMap.prototype.get;

function countingRng(seed: number): () => number {
  const next = createRng(seed);
  let count = 0;
  const rng = () => {
    count++;
    return next();
  };
  draws.set(rng, () => count);
  return rng;
}

/** Numbers drawn so far from the runner's generators among `values` and their fields (two levels deep). */
export function drawsOf(values: readonly unknown[], depth = 0): number {
  let total = 0;
  for (const v of values) {
    if (typeof v === "function") total += (countOf.call(draws, v) as (() => number) | undefined)?.() ?? 0;
    else if (depth < 2 && v && typeof v === "object" && !ArrayBuffer.isView(v)) {
      const fields = isArray(v) ? v : ownKeys(v).map((k) => Object.getOwnPropertyDescriptor(v, k)?.value);
      total += drawsOf(fields as unknown[], depth + 1);
    }
  }
  return total;
}

/** Builds fresh runtime values from a wire value (every call makes new tensors and arrays). */
export function fromWire(value: Wire): unknown {
  return decodeWire(value, {
    tensor: (dtype, shape, data) => (dtype === "string" ? tf.tensor(data as string[], shape, "string") : tf.tensor(data as NumericArray, shape, dtype)),
    rng: countingRng,
  });
}

function describeType(value: unknown): string {
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  if (typeof value === "bigint") return "a bigint";
  // A prototype chain through tf.Tensor.prototype without being a real tensor: an impostor, not "a Tensor".
  if (tf.Tensor.prototype.isPrototypeOf(value as object)) return "an object posing as a tf.Tensor (it is not a real tensor)";
  const proto = getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
  const name = proto?.constructor?.name;
  return typeof name === "string" && name ? `a ${name}` : "an object";
}

/** TF.js's instanceof is duck-typed (Object.create(tf.Tensor.prototype) passes): reading an impostor may throw. */
function encodeTensor(t: tf.Tensor): Wire {
  try {
    return readTensor(t);
  } catch (err) {
    if (err instanceof StudentFailure) throw err;
    const reason = safeMessage(err);
    throw new StudentFailure("output", `returned an object posing as a tf.Tensor (it is not a real tensor: reading it failed${reason ? ` with ${reason}` : ""})`);
  }
}

function safeMessage(err: unknown): string {
  try {
    return err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : "";
  } catch {
    return "";
  }
}

function readTensor(t: tf.Tensor): Wire {
  if (t.isDisposed) throw new StudentFailure("output", "returned a tensor that was already disposed");
  const dtype = t.dtype as string;
  if (dtype === "string") return { t: "tensor", dtype: "string", shape: [...t.shape], data: (t.dataSync() as unknown as string[]).map(String) };
  if (dtype !== "float32" && dtype !== "int32" && dtype !== "bool") {
    throw new StudentFailure("output", `returned a tensor of dtype ${dtype}; use float32, int32 or bool`);
  }
  const data = t.dataSync() as NumericArray;
  const shape = [...t.shape];
  // TF.js's instanceof is duck-typed, so an impostor can reach here: its data must at least fill its shape.
  if (typedKindOf(data) === null || data.length !== sizeOf(shape)) {
    const count = typedKindOf(data) === null ? "not a typed array" : `${data.length} values`;
    throw new StudentFailure("output", `returned a tensor whose data (${count}) does not match its shape [${shape.join(", ")}]: not a real tf.Tensor`);
  }
  return { t: "tensor", dtype: dtype as WireDType, shape, data: toBase64(data) };
}

/** Encodes a runtime value for the engine; throws a StudentFailure (kind output) for what cannot cross. */
export function toWire(value: unknown): Wire {
  return encode(value, 0, { nodes: 0 });
}

function encode(value: unknown, depth: number, budget: { nodes: number }): Wire {
  if (++budget.nodes > MAX_NODES) {
    throw new StudentFailure("output", `returned more than ${MAX_NODES.toLocaleString("en")} values (shared or nested arrays count once per appearance)`);
  }
  if (depth > MAX_DEPTH) throw new StudentFailure("output", `returned a value nested deeper than ${MAX_DEPTH} levels`);
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (value === undefined) return { t: "undefined" };
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    return { t: "num", v: Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity" };
  }
  if (typeof value !== "object") throw new StudentFailure("output", `returned ${describeType(value)}, which cannot be sent to the grader`);
  if (value instanceof tf.Tensor) return encodeTensor(value);
  const kind = typedKindOf(value);
  if (kind) return { t: "typed", kind, data: toBase64(value as NumericArray) };
  if (isArray(value)) {
    const items: Wire[] = [];
    for (let i = 0; i < value.length; i++) items.push(encode(value[i], depth + 1, budget));
    return { t: "array", items };
  }
  const proto = getPrototypeOf(value);
  if (proto !== objectProto && proto !== null) {
    throw new StudentFailure("output", `returned ${describeType(value)}; return tensors, arrays, numbers or plain objects`);
  }
  const fields = Object.create(null) as Record<string, Wire>;
  for (const key of ownKeys(value)) fields[key] = encode((value as Record<string, unknown>)[key], depth + 1, budget);
  return { t: "object", fields };
}
