/**
 * Hidden, trusted: the NT-Xent loss of SimCLR in plain float64 JavaScript, and the usual wrong versions of it, so
 * that the checks can compare a student's values with the reference and name the mistake they match.
 */
import { centralDifferences } from "@unlabeled/sdk";

export const CANARY = "unlabeled-hidden-simclr-nt-xent-reference";

export interface Embeddings {
  rows: number;
  dim: number;
  /** Row-major, rows × dim. */
  data: ArrayLike<number>;
}

export interface LossOptions {
  normalise: boolean;
  temperature: "divide" | "multiply" | "ignore";
  /** Leave each row's similarity with itself out of its softmax. */
  maskSelf: boolean;
  /** "all": the 2N anchors; "first": only z1's N anchors (the first N rows of the 2N × 2N matrix). */
  anchors: "all" | "first";
  /** "full": 2N × 2N logits over both views; "cross": N × N logits z1 · z2ᵀ (CLIP-style, no same-view negatives). */
  layout: "full" | "cross";
  /** Which candidate is each anchor's target: its other view (i ↔ i + N), itself, or the next row (i + 1 mod 2N). */
  positive: "other-view" | "self" | "next";
  /** Divide the summed anchor losses by N instead of averaging over 2N anchors. */
  halfCount: boolean;
}

const CORRECT: LossOptions = { normalise: true, temperature: "divide", maskSelf: true, anchors: "all", layout: "full", positive: "other-view", halfCount: false };

function rowsOf(e: Embeddings, normalise: boolean): number[][] {
  return Array.from({ length: e.rows }, (_, i) => {
    const row = Array.from({ length: e.dim }, (_, j) => e.data[i * e.dim + j]!);
    if (!normalise) return row;
    const norm = Math.sqrt(row.reduce((s, v) => s + v * v, 0));
    return row.map((v) => v / norm);
  });
}

const dot = (a: number[], b: number[]) => a.reduce((s, v, k) => s + v * b[k]!, 0);

/** −log softmax(logits)[target], stably. */
function crossEntropy(logits: number[], target: number): number {
  const max = Math.max(...logits);
  return max + Math.log(logits.reduce((s, v) => s + Math.exp(v - max), 0)) - logits[target]!;
}

export function lossWith(z1: Embeddings, z2: Embeddings, t: number, opts: Partial<LossOptions> = {}): number {
  const o = { ...CORRECT, ...opts };
  const n = z1.rows;
  const a = rowsOf(z1, o.normalise);
  const b = rowsOf(z2, o.normalise);
  const scale = o.temperature === "divide" ? 1 / t : o.temperature === "multiply" ? t : 1;
  if (o.layout === "cross") {
    const logits = a.map((ra) => b.map((rb) => dot(ra, rb) * scale));
    const forward = logits.reduce((s, row, i) => s + crossEntropy(row, i), 0) / n;
    if (o.anchors === "first") return forward;
    const backward = b.reduce((s, rb, i) => s + crossEntropy(a.map((ra) => dot(ra, rb) * scale), i), 0) / n;
    return (forward + backward) / 2;
  }
  const u = [...a, ...b];
  const m = 2 * n;
  const anchors = o.anchors === "all" ? m : n;
  let total = 0;
  for (let i = 0; i < anchors; i++) {
    const target = o.positive === "other-view" ? (i + n) % m : o.positive === "self" ? i : (i + 1) % m;
    const logits: number[] = [];
    let at = -1;
    for (let k = 0; k < m; k++) {
      if (o.maskSelf && k === i) continue;
      if (k === target) at = logits.length;
      logits.push(dot(u[i]!, u[k]!) * scale);
    }
    total += crossEntropy(logits, at);
  }
  return total / (o.halfCount ? n : anchors);
}

/** NT-Xent: mean over the 2N anchors of −log softmax over the 2N − 1 other rows, the positive being the other view. */
export function ntXentReference(z1: Embeddings, z2: Embeddings, t: number): number {
  return lossWith(z1, z2, t);
}

/** The mistakes a value check can recognise, each with the feedback that names it. */
export const MISTAKES: Array<{ opts: Partial<LossOptions>; name: string }> = [
  { opts: { maskSelf: false }, name: "the self-similarity is left in: each anchor's similarity with itself (the diagonal of the 2N × 2N matrix) must be masked out of its softmax" },
  { opts: { anchors: "first" }, name: "only one direction is used: only z1's N anchors (the first N rows) are averaged; z2's N anchors count as well, so average over all 2N" },
  { opts: { layout: "cross", anchors: "first" }, name: "only one direction is used: the N × N cross-entropy of z1 against z2 only; NT-Xent averages over all 2N anchors, each compared with the 2N − 1 other rows" },
  { opts: { layout: "cross" }, name: "this is CLIP's loss (N × N logits between the views only): NT-Xent also uses the other images of the same view as negatives, 2N − 2 per anchor" },
  { opts: { normalise: false }, name: "the projections are not L2-normalised before the dot products (NT-Xent uses cosine similarity)" },
  { opts: { normalise: false, maskSelf: false }, name: "the projections are not L2-normalised and the self-similarity is left in" },
  { opts: { positive: "self", maskSelf: false }, name: "the positives are on the wrong diagonal: each anchor's target is itself (index i of the concatenated matrix) instead of its other view (i ↔ i + N)" },
  { opts: { positive: "next" }, name: "the positives are on the wrong diagonal: each anchor's target is row i + 1 instead of its other view (i ↔ i + N)" },
  { opts: { positive: "next", maskSelf: false }, name: "the positives are on the wrong diagonal (row i + 1 instead of i ↔ i + N) and the self-similarity is left in" },
  { opts: { temperature: "multiply" }, name: "the similarities are multiplied by the temperature instead of divided by it" },
  { opts: { temperature: "ignore" }, name: "the temperature is ignored" },
  { opts: { halfCount: true }, name: "the 2N anchor losses are summed and divided by N instead of averaged over 2N" },
  { opts: { normalise: false, temperature: "multiply" }, name: "the projections are not normalised and the similarities are multiplied by the temperature" },
];

/** d loss / d inputs by central differences in float64 (the reference for the gradient check). */
export function numericGradients(z1: Embeddings, z2: Embeddings, t: number, h = 1e-6): [Float64Array, Float64Array] {
  return [
    centralDifferences((data) => ntXentReference({ ...z1, data }, z2, t), z1.data, h),
    centralDifferences((data) => ntXentReference(z1, { ...z2, data }, t), z2.data, h),
  ];
}
