/** Hidden: inputs of the residual-block checks and the trusted comparisons they are scored with. */
import { HostTensor, normal } from "@unlabeled/sdk";
import type { InspectedCase } from "../task";

export const CANARY = "unlabeled-hidden-residual-block-cases";

export interface BlockCase {
  height: number;
  width: number;
  channels: number;
  filters: number;
  /** undefined: the call omits the argument (the default stride is 1). */
  stride?: number;
}

export const SHAPE_CASES: BlockCase[] = [
  { height: 8, width: 8, channels: 4, filters: 4 },
  { height: 8, width: 8, channels: 4, filters: 8, stride: 1 },
  { height: 8, width: 8, channels: 6, filters: 6, stride: 2 },
  { height: 7, width: 7, channels: 3, filters: 5, stride: 2 },
  { height: 6, width: 6, channels: 8, filters: 4, stride: 1 },
  { height: 5, width: 9, channels: 2, filters: 2, stride: 1 },
];

export const isIdentity = (c: BlockCase) => c.channels === c.filters && (c.stride ?? 1) === 1;

export function describeCase(c: BlockCase): string {
  return `residualBlock(x of shape [batch, ${c.height}, ${c.width}, ${c.channels}], ${c.filters}${c.stride === undefined ? "" : `, ${c.stride}`})`;
}

export function expectedShape(c: BlockCase, batch: number): number[] {
  const s = c.stride ?? 1;
  return [batch, Math.ceil(c.height / s), Math.ceil(c.width / s), c.filters];
}

export function randomInput(shape: number[], rng: () => number): HostTensor {
  const gauss = normal(rng);
  const size = shape.reduce((a, b) => a * b, 1);
  return new HostTensor("float32", shape, Float32Array.from({ length: size }, () => gauss()));
}

export function relu(t: HostTensor): Float32Array {
  return Float32Array.from(t.data as Float32Array, (v) => Math.max(0, v));
}

/** Largest violation of |a − e| ≤ atol + rtol·|e| (0 when within tolerance); Infinity for NaN or a size mismatch. */
export function excess(actual: HostTensor, expected: ArrayLike<number>, atol: number, rtol: number): number {
  if (actual.size !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual.data[i] as number;
    const e = expected[i]!;
    const d = Math.abs(a - e) - (atol + rtol * Math.abs(e));
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}

export function maxAbs(t: HostTensor): number {
  let m = 0;
  for (const v of t.data as Float32Array) m = Math.max(m, Math.abs(v));
  return m;
}

export function minValue(t: HostTensor): number {
  let m = Infinity;
  for (const v of t.data as Float32Array) m = Math.min(m, v);
  return m;
}

export type BuiltCase = Extract<InspectedCase, { error: null }>;
export const isBuilt = (c: InspectedCase | undefined): c is BuiltCase => !!c && c.error === null;

/** The 3×3 (non-1×1) convolutions, in graph order, and the 1×1 projections. */
export function convsOf(c: BuiltCase) {
  const convs = c.layers.filter((l) => l.className === "Conv2D" && (l.kernelSize ?? [1, 1]).some((k) => k !== 1));
  const projections = c.layers.filter((l) => l.className === "Conv2D" && (l.kernelSize ?? [0]).every((k) => k === 1));
  return { convs, projections, adds: c.layers.filter((l) => l.className === "Add").length };
}
