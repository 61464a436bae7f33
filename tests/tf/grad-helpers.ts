/** Helpers for the gradient-check suite: seeded inputs, analytic gradients per backend, finite differences. */
import * as tf from "@tensorflow/tfjs";
import { createRng, deriveSeed, normal, permutation } from "@/graders/tf/rng";

export interface InputSpec {
  shape: number[];
  /** int32 values in [0, max). */
  intMax?: number;
  /** Distinct values spaced ≥ 2/size apart, so a small perturbation crosses no kink (max, relu). */
  separated?: boolean;
  scale?: number;
}

export interface GradCase {
  name: string;
  inputs: Record<string, InputSpec>;
  f: (t: Record<string, tf.Tensor>) => tf.Tensor;
  /** Inputs to differentiate (default: every float input). */
  wrt?: string[];
  eps?: number;
}

type Arrays = Record<string, { shape: number[]; values: Float32Array | Int32Array; int: boolean }>;

export function caseArrays(c: GradCase): Arrays {
  const out: Arrays = {};
  for (const [name, spec] of Object.entries(c.inputs)) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const rng = createRng(deriveSeed(11, c.name, name));
    if (spec.intMax !== undefined) {
      out[name] = { shape: spec.shape, values: Int32Array.from({ length: size }, () => Math.floor(rng() * spec.intMax!)), int: true };
    } else if (spec.separated) {
      const order = permutation(size, rng);
      out[name] = { shape: spec.shape, values: Float32Array.from(order, (k) => (((k + 0.5) / size) * 2 - 1) * (spec.scale ?? 1)), int: false };
    } else {
      const g = normal(rng);
      out[name] = { shape: spec.shape, values: Float32Array.from({ length: size }, () => g() * (spec.scale ?? 1)), int: false };
    }
  }
  return out;
}

function wrtOf(c: GradCase, arrays: Arrays): string[] {
  return c.wrt ?? Object.keys(arrays).filter((k) => !arrays[k].int);
}

/** loss = Σ f(inputs) ⊙ R for a fixed seeded R, so every output element matters. */
function lossOf(c: GradCase, t: Record<string, tf.Tensor>): tf.Scalar {
  const out = c.f(t);
  const r = normal(createRng(deriveSeed(12, c.name)));
  const weights = tf.tensor(Float32Array.from({ length: out.size }, () => r()), out.shape);
  return tf.sum(tf.mul(out, weights));
}

function tensors(arrays: Arrays, shift?: { v: Record<string, Float64Array>; eps: number }): Record<string, tf.Tensor> {
  const t: Record<string, tf.Tensor> = {};
  for (const [name, a] of Object.entries(arrays)) {
    let values: Float32Array | Int32Array = a.values;
    if (shift?.v[name]) values = Float32Array.from(a.values, (x, i) => x + shift.eps * shift.v[name][i]);
    t[name] = tf.tensor(values, a.shape, a.int ? "int32" : "float32");
  }
  return t;
}

export async function gradsOn(backend: string, c: GradCase): Promise<{ loss: number; grads: Record<string, Float32Array> }> {
  if (!(await tf.setBackend(backend)) || tf.getBackend() !== backend) throw new Error(`backend ${backend} did not activate`);
  const arrays = caseArrays(c);
  const names = wrtOf(c, arrays);
  return tf.tidy(() => {
    const t = tensors(arrays);
    const { value, grads } = tf.valueAndGrads((...xs: tf.Tensor[]) => {
      const local = { ...t };
      names.forEach((n, i) => (local[n] = xs[i]));
      return lossOf(c, local);
    })(names.map((n) => t[n]));
    const out: Record<string, Float32Array> = {};
    names.forEach((n, i) => (out[n] = grads[i].dataSync() as Float32Array));
    return { loss: value.dataSync()[0], grads: out };
  });
}

function lossAt(c: GradCase, arrays: Arrays, v: Record<string, Float64Array>, eps: number): number {
  return tf.tidy(() => lossOf(c, tensors(arrays, { v, eps })).dataSync()[0]);
}

/**
 * Worst relative disagreement, over `directions` random directions, between the analytic directional derivative
 * g·v and the central difference (L(x+εv) − L(x−εv)) / 2ε, computed on the active backend.
 */
export async function finiteDifferenceError(backend: string, c: GradCase, directions = 3): Promise<number> {
  const { grads } = await gradsOn(backend, c);
  const arrays = caseArrays(c);
  const eps = c.eps ?? 1e-2;
  let worst = 0;
  for (let d = 0; d < directions; d++) {
    const g = normal(createRng(deriveSeed(13, c.name, d)));
    const v: Record<string, Float64Array> = {};
    let gv = 0;
    let gNorm = 0;
    for (const [name, grad] of Object.entries(grads)) {
      v[name] = Float64Array.from({ length: grad.length }, () => g());
      for (let i = 0; i < grad.length; i++) {
        gv += grad[i] * v[name][i];
        gNorm += grad[i] * grad[i];
      }
    }
    const fd = (lossAt(c, arrays, v, eps) - lossAt(c, arrays, v, -eps)) / (2 * eps);
    const scale = Math.max(Math.abs(gv), 0.1 * Math.sqrt(gNorm), 1e-6);
    worst = Math.max(worst, Math.abs(fd - gv) / scale);
  }
  return worst;
}

/** Largest |a − b| / (1 + |b|) over every gradient. */
export function maxRelDiff(a: Record<string, Float32Array>, b: Record<string, Float32Array>): number {
  let worst = 0;
  for (const name of Object.keys(b)) {
    if (!a[name] || a[name].length !== b[name].length) return Infinity;
    for (let i = 0; i < b[name].length; i++) {
      const e = Math.abs(a[name][i] - b[name][i]) / (1 + Math.abs(b[name][i]));
      if (!(e <= worst)) worst = Number.isNaN(e) ? Infinity : e;
    }
  }
  return worst;
}
