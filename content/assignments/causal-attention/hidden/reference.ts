/**
 * Hidden: causal attention on plain arrays, forward and backward, plus the usual wrong variants, so feedback can
 * name the mistake a student's output matches. No TF.js: the trusted side compares numbers.
 */
import { HostTensor } from "@unlabeled/sdk";

export const CANARY = "unlabeled-hidden-causal-attention-reference";

export interface Variant {
  /** Multiplies the scores. */
  scale: (dim: number) => number;
  /** Whether key s is visible from query t. */
  visible: (t: number, s: number) => boolean;
  /** Softmax over keys (right) or over queries (a classic axis mistake). */
  axis: "keys" | "queries";
  /** Multiply by the mask after the softmax instead of masking the scores. */
  maskAfter?: boolean;
}

export const CORRECT: Variant = { scale: (d) => 1 / Math.sqrt(d), visible: (t, s) => s <= t, axis: "keys" };

/** Wrong variants with the sentence that names each mistake; `fromRow` skips rows a variant leaves undefined. */
export const MISTAKES: Array<{ name: string; variant: Variant; fromRow?: number }> = [
  { name: "no scaling: the scores must be divided by sqrt(dim)", variant: { ...CORRECT, scale: () => 1 } },
  { name: "scaled by 1/dim instead of 1/sqrt(dim)", variant: { ...CORRECT, scale: (d) => 1 / d } },
  { name: "multiplied by sqrt(dim) instead of dividing", variant: { ...CORRECT, scale: (d) => Math.sqrt(d) } },
  { name: "no causal mask: every query sees every key", variant: { ...CORRECT, visible: () => true } },
  { name: "the mask excludes the diagonal: a position must also see itself", variant: { ...CORRECT, visible: (t, s) => s < t }, fromRow: 1 },
  { name: "the mask is transposed: queries see later keys instead of earlier ones", variant: { ...CORRECT, visible: (t, s) => s >= t } },
  { name: "softmax over the wrong axis (queries instead of keys)", variant: { ...CORRECT, axis: "queries" } },
  { name: "the mask is applied after the softmax, so the weights no longer sum to 1", variant: { ...CORRECT, maskAfter: true } },
];

function softmaxInto(values: Float64Array, keep: boolean[]): void {
  let max = -Infinity;
  values.forEach((x, i) => keep[i] && (max = Math.max(max, x)));
  let sum = 0;
  values.forEach((x, i) => {
    values[i] = keep[i] ? Math.exp(x - max) : 0;
    sum += values[i]!;
  });
  if (sum > 0) values.forEach((x, i) => (values[i] = x / sum));
}

/** Attention weights [seq, seq] of one batch element. */
function weights(q: ArrayLike<number>, k: ArrayLike<number>, b: number, seq: number, dim: number, variant: Variant): Float64Array[] {
  const scale = variant.scale(dim);
  const score = (t: number, s: number) => {
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += q[(b * seq + t) * dim + j]! * k[(b * seq + s) * dim + j]!;
    return dot * scale;
  };
  const w = Array.from({ length: seq }, () => new Float64Array(seq));
  if (variant.axis === "keys") {
    for (let t = 0; t < seq; t++) {
      for (let s = 0; s < seq; s++) w[t]![s] = score(t, s);
      const keep = Array.from({ length: seq }, (_, s) => variant.maskAfter || variant.visible(t, s));
      softmaxInto(w[t]!, keep);
      if (variant.maskAfter) for (let s = 0; s < seq; s++) if (!variant.visible(t, s)) w[t]![s] = 0;
    }
  } else {
    for (let s = 0; s < seq; s++) {
      const column = new Float64Array(seq);
      for (let t = 0; t < seq; t++) column[t] = score(t, s);
      softmaxInto(column, Array.from({ length: seq }, (_, t) => variant.visible(t, s)));
      for (let t = 0; t < seq; t++) w[t]![s] = column[t]!;
    }
  }
  return w;
}

export function attention(q: HostTensor, k: HostTensor, v: HostTensor, variant: Variant = CORRECT): Float64Array {
  const [batch, seq, dim] = q.shape as [number, number, number];
  const out = new Float64Array(batch * seq * dim);
  for (let b = 0; b < batch; b++) {
    const w = weights(q.data as Float32Array, k.data as Float32Array, b, seq, dim, variant);
    for (let t = 0; t < seq; t++) for (let s = 0; s < seq; s++) for (let j = 0; j < dim; j++) out[(b * seq + t) * dim + j]! += w[t]![s]! * (v.data[(b * seq + s) * dim + j] as number);
  }
  return out;
}

/** Gradients of sum(w · attention(q, k, v)) with respect to q, k and v. */
export function attentionGrads(q: HostTensor, k: HostTensor, v: HostTensor, dOut: HostTensor): { dq: Float64Array; dk: Float64Array; dv: Float64Array } {
  const [batch, seq, dim] = q.shape as [number, number, number];
  const size = batch * seq * dim;
  const dq = new Float64Array(size);
  const dk = new Float64Array(size);
  const dv = new Float64Array(size);
  const at = (t: HostTensor, b: number, i: number, j: number) => t.data[(b * seq + i) * dim + j] as number;
  const scale = 1 / Math.sqrt(dim);
  for (let b = 0; b < batch; b++) {
    const p = weights(q.data as Float32Array, k.data as Float32Array, b, seq, dim, CORRECT);
    for (let t = 0; t < seq; t++) {
      const dp = new Float64Array(seq);
      for (let s = 0; s < seq; s++) for (let j = 0; j < dim; j++) dp[s]! += at(dOut, b, t, j) * at(v, b, s, j);
      let dot = 0;
      for (let s = 0; s < seq; s++) dot += dp[s]! * p[t]![s]!;
      for (let s = 0; s < seq; s++) {
        const ds = p[t]![s]! * (dp[s]! - dot) * scale;
        for (let j = 0; j < dim; j++) {
          dq[(b * seq + t) * dim + j]! += ds * at(k, b, s, j);
          dk[(b * seq + s) * dim + j]! += ds * at(q, b, t, j);
          dv[(b * seq + s) * dim + j]! += p[t]![s]! * at(dOut, b, t, j);
        }
      }
    }
  }
  return { dq, dk, dv };
}

/** Largest |a - b| over `rows` rows from `fromRow` on (rows of `dim` values in [batch, seq, dim] order). */
export function maxError(actual: ArrayLike<number>, expected: ArrayLike<number>, shape: readonly number[], fromRow = 0): number {
  const [batch, seq, dim] = shape as [number, number, number];
  let worst = 0;
  for (let b = 0; b < batch; b++) {
    for (let t = fromRow; t < seq; t++) {
      for (let j = 0; j < dim; j++) {
        const i = (b * seq + t) * dim + j;
        const e = Math.abs(actual[i]! - expected[i]!);
        worst = Number.isNaN(e) ? Infinity : Math.max(worst, e);
      }
    }
  }
  return worst;
}
