/**
 * Values on the trusted side of the protocol: what a check's prepare() sends to the runner and what its score()
 * receives back. Tensors are plain data (HostTensor), so scoring needs no TF.js.
 */
import { decodeWire, sizeOf, toBase64, typedKindOf, type NumericArray } from "../runner/wire-codec";
import type { Wire, WireDType } from "../runner/protocol-types";

export type TensorDType = WireDType;

export class HostTensor {
  constructor(
    readonly dtype: TensorDType,
    readonly shape: readonly number[],
    /** Row-major values: Float32Array (float32), Int32Array (int32), Uint8Array (bool) or string[] (string). */
    readonly data: Float32Array | Int32Array | Uint8Array | string[],
  ) {
    if (data.length !== sizeOf(shape)) throw new Error(`a tensor of shape [${shape.join(", ")}] needs ${sizeOf(shape)} values, got ${data.length}`);
  }

  get size(): number {
    return this.data.length;
  }
}

/** A seeded generator `() => number` in [0, 1) handed to the student's function. */
export class RngArg {
  constructor(readonly seed: number) {}
}

export type HostValue =
  | null
  | undefined
  | boolean
  | number
  | string
  | HostTensor
  | RngArg
  | NumericArray
  | HostValue[]
  | { [key: string]: HostValue };

type Nested = number | boolean | Nested[];

function flattenNested(values: Nested, shape: number[], out: number[], depth: number): void {
  if (Array.isArray(values)) {
    if (shape.length === depth) shape.push(values.length);
    else if (shape[depth] !== values.length) throw new Error("ragged nested array");
    for (const v of values) flattenNested(v, shape, out, depth + 1);
  } else {
    if (depth !== shape.length) throw new Error("ragged nested array");
    out.push(Number(values));
  }
}

/** Builds a HostTensor from nested arrays (shape inferred) or flat values with an explicit shape. */
export function tensor(values: Nested | ArrayLike<number>, shape?: readonly number[], dtype: Exclude<TensorDType, "string"> = "float32"): HostTensor {
  let flat: number[];
  let inferred: number[] = [];
  if (typeof values === "number" || typeof values === "boolean" || Array.isArray(values)) {
    flat = [];
    flattenNested(values as Nested, inferred, flat, 0);
  } else {
    flat = Array.from(values);
    inferred = [flat.length];
  }
  const finalShape = shape ? [...shape] : inferred;
  const data = dtype === "float32" ? Float32Array.from(flat) : dtype === "int32" ? Int32Array.from(flat) : Uint8Array.from(flat, (v) => (v ? 1 : 0));
  return new HostTensor(dtype, finalShape, data);
}

/** Encodes a host value (a check's task input) for the runner; throws for what has no wire form. */
export function hostToWire(value: unknown): Wire {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (value === undefined) return { t: "undefined" };
  if (typeof value === "number") return Number.isFinite(value) ? value : { t: "num", v: Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity" };
  if (value instanceof HostTensor) {
    const data = value.dtype === "string" ? [...(value.data as string[])] : toBase64(value.data as NumericArray);
    return { t: "tensor", dtype: value.dtype, shape: [...value.shape], data };
  }
  if (value instanceof RngArg) return { t: "rng", seed: value.seed };
  const kind = typedKindOf(value);
  if (kind) return { t: "typed", kind, data: toBase64(value as NumericArray) };
  if (Array.isArray(value)) return { t: "array", items: value.map(hostToWire) };
  const proto: unknown = typeof value === "object" ? Object.getPrototypeOf(value) : undefined;
  if (proto !== Object.prototype && proto !== null) throw new Error(`a task input cannot hold ${typeof value === "object" ? "a class instance" : `a ${typeof value}`}`);
  const fields: Record<string, Wire> = {};
  for (const [key, v] of Object.entries(value as object)) fields[key] = hostToWire(v);
  return { t: "object", fields };
}

/** Decodes a wire value that passed the protocol schema; throws (a malformed output) when tensor data does not fit. */
export function wireToHost(value: Wire): HostValue {
  return decodeWire(value, {
    tensor: (dtype, shape, data) => new HostTensor(dtype, shape, data as HostTensor["data"]),
    rng: () => {
      throw new Error("a generator cannot be an output");
    },
  }) as HostValue;
}

/** Decodes a task input (from the course-check host): generators come back as RngArgs. */
export function inputWireToHost(value: Wire): HostValue {
  return decodeWire(value, {
    tensor: (dtype, shape, data) => new HostTensor(dtype, shape, data as HostTensor["data"]),
    rng: (seed) => new RngArg(seed),
  }) as HostValue;
}
