/**
 * Wire encoding shared by the runner and the engine (both run on the same little-endian host): typed arrays as
 * base64, and decoding of wire values where each side supplies how tensors and generators are built.
 */
import type { Wire, WireDType, WireTypedKind } from "./protocol-types";

export type NumericArray = Float32Array | Float64Array | Int32Array | Uint8Array;

const BYTES: Record<WireTypedKind, number> = { float32: 4, float64: 8, int32: 4, uint8: 1 };

export function typedKindOf(value: unknown): WireTypedKind | null {
  if (value instanceof Float32Array) return "float32";
  if (value instanceof Float64Array) return "float64";
  if (value instanceof Int32Array) return "int32";
  if (value instanceof Uint8Array) return "uint8";
  return null;
}

export function toBase64(array: NumericArray): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("base64");
}

/** Decodes base64 into a typed array of `kind`; throws when the byte count does not fit the element size. */
export function fromBase64(kind: WireTypedKind, data: string): NumericArray {
  const raw = Buffer.from(data, "base64");
  if (raw.length % BYTES[kind] !== 0) throw new Error(`${raw.length} bytes is not a whole number of ${kind} values`);
  const bytes = new Uint8Array(raw.length);
  bytes.set(raw);
  switch (kind) {
    case "float32":
      return new Float32Array(bytes.buffer);
    case "float64":
      return new Float64Array(bytes.buffer);
    case "int32":
      return new Int32Array(bytes.buffer);
    case "uint8":
      return bytes;
  }
}

/** The typed-array kind that carries a tensor dtype's data (bool travels as one byte per element). */
export function storageKind(dtype: Exclude<WireDType, "string">): WireTypedKind {
  return dtype === "bool" ? "uint8" : dtype;
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

export interface WireBuilders {
  tensor(dtype: WireDType, shape: number[], data: NumericArray | string[]): unknown;
  rng(seed: number): unknown;
}

/**
 * Decodes a wire value into fresh values. Keys are defined, never assigned, so a "__proto__" key cannot reach a
 * prototype. Throws when tensor data is not of its dtype's form.
 */
export function decodeWire(value: Wire, build: WireBuilders): unknown {
  if (value === null || typeof value !== "object") return value;
  switch (value.t) {
    case "undefined":
      return undefined;
    case "num":
      return Number(value.v);
    case "tensor": {
      if (value.dtype === "string") {
        if (!Array.isArray(value.data)) throw new Error("a string tensor must carry an array of strings");
        return build.tensor("string", value.shape, value.data);
      }
      if (typeof value.data !== "string") throw new Error(`a ${value.dtype} tensor must carry base64 data`);
      return build.tensor(value.dtype, value.shape, fromBase64(storageKind(value.dtype), value.data));
    }
    case "typed":
      return fromBase64(value.kind, value.data);
    case "array":
      return value.items.map((item) => decodeWire(item, build));
    case "object": {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value.fields)) {
        Object.defineProperty(out, key, { value: decodeWire(value.fields[key]!, build), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case "rng":
      return build.rng(value.seed);
  }
}
