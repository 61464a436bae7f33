/** Helpers for score(): compare a tensor the student returned with an expected one, with readable reasons. */
import { HostTensor, type HostValue } from "./host-values";

export type Comparison = { ok: true } | { ok: false; reason: string };

export function describeValue(value: HostValue): string {
  if (value instanceof HostTensor) return `a ${value.dtype} tensor of shape [${value.shape.join(", ")}]`;
  if (value === null) return "null";
  if (value === undefined) return "undefined (nothing)";
  if (Array.isArray(value)) return "an array";
  if (ArrayBuffer.isView(value)) return "a typed array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function multiIndex(flat: number, shape: readonly number[]): string {
  const idx: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    idx.unshift(flat % shape[d]!);
    flat = Math.floor(flat / shape[d]!);
  }
  return `[${idx.join(", ")}]`;
}

/**
 * Compares `actual` with `expected`: a tensor, the same shape, (optionally) the same dtype, no NaN where none is
 * expected, and values within atol + rtol·|expected|. `reveal` adds the expected value to the reason.
 */
export function compareTensor(
  actual: HostValue,
  expected: HostTensor,
  opts: { atol?: number; rtol?: number; checkDtype?: boolean; reveal?: boolean } = {},
): Comparison {
  if (!(actual instanceof HostTensor)) return { ok: false, reason: `returned ${describeValue(actual)} instead of a tensor` };
  if (actual.shape.join() !== expected.shape.join()) {
    return { ok: false, reason: `returned shape [${actual.shape.join(", ")}] instead of [${expected.shape.join(", ")}]` };
  }
  if (opts.checkDtype && actual.dtype !== expected.dtype) return { ok: false, reason: `returned dtype ${actual.dtype} instead of ${expected.dtype}` };
  if (actual.dtype === "string" || expected.dtype === "string") {
    const same = actual.data.every((v, i) => v === expected.data[i]);
    return same ? { ok: true } : { ok: false, reason: "returned different strings" };
  }
  const atol = opts.atol ?? 1e-5;
  const rtol = opts.rtol ?? 1e-5;
  for (let i = 0; i < actual.size; i++) {
    const a = actual.data[i] as number;
    const e = expected.data[i] as number;
    if (Number.isNaN(a) && !Number.isNaN(e)) return { ok: false, reason: `the result contains NaN (at ${multiIndex(i, actual.shape)})` };
    if (a === e) continue;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      const hint = opts.reveal ? `, expected ${e}` : "";
      return { ok: false, reason: `the value at ${multiIndex(i, actual.shape)} is ${a}${hint}` };
    }
  }
  return { ok: true };
}
