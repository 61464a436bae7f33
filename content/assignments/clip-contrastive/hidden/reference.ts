/**
 * Hidden, trusted: the CLIP loss in plain float64 JavaScript, and the usual wrong versions of it, so that the
 * checks can compare a student's values with the reference and name the mistake they match.
 */
import { centralDifferences } from "@unlabeled/sdk";

export const CANARY = "unlabeled-hidden-clip-contrastive-reference";

export interface Embeddings {
  rows: number;
  dim: number;
  /** Row-major, rows × dim. */
  data: ArrayLike<number>;
}

function normalised(e: Embeddings, on: boolean): number[][] {
  return Array.from({ length: e.rows }, (_, i) => {
    const row = Array.from({ length: e.dim }, (_, j) => e.data[i * e.dim + j]!);
    if (!on) return row;
    const norm = Math.sqrt(row.reduce((s, v) => s + v * v, 0));
    return row.map((v) => v / norm);
  });
}

/** Mean over rows of −log softmax(row)[i]. */
function rowCrossEntropy(logits: number[][]): number {
  let total = 0;
  logits.forEach((row, i) => {
    const max = Math.max(...row);
    const lse = max + Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0));
    total += lse - row[i]!;
  });
  return total / logits.length;
}

function transpose(m: number[][]): number[][] {
  return m[0]!.map((_, j) => m.map((row) => row[j]!));
}

export interface LossOptions {
  normalise: boolean;
  /** "both" is the CLIP loss; the others are one-directional mistakes. */
  direction: "both" | "image-to-text" | "text-to-image";
  temperature: "divide" | "multiply" | "ignore";
  /** Sum the two directions instead of averaging them. */
  sumDirections: boolean;
}

const CORRECT: LossOptions = { normalise: true, direction: "both", temperature: "divide", sumDirections: false };

export function lossWith(image: Embeddings, text: Embeddings, t: number, opts: Partial<LossOptions> = {}): number {
  const o = { ...CORRECT, ...opts };
  const a = normalised(image, o.normalise);
  const b = normalised(text, o.normalise);
  const scale = o.temperature === "divide" ? 1 / t : o.temperature === "multiply" ? t : 1;
  const logits = a.map((ra) => b.map((rb) => ra.reduce((s, v, k) => s + v * rb[k]!, 0) * scale));
  const i2t = rowCrossEntropy(logits);
  const t2i = rowCrossEntropy(transpose(logits));
  if (o.direction === "image-to-text") return i2t;
  if (o.direction === "text-to-image") return t2i;
  return o.sumDirections ? i2t + t2i : (i2t + t2i) / 2;
}

/** The CLIP loss: symmetric cross-entropy of the cosine-similarity logits over the temperature. */
export function clipLossReference(image: Embeddings, text: Embeddings, t: number): number {
  return lossWith(image, text, t);
}

/** The mistakes a value check can recognise, each with the feedback that names it. */
export const MISTAKES: Array<{ opts: Partial<LossOptions>; name: string }> = [
  { opts: { normalise: false }, name: "the embeddings are not L2-normalised before the dot products" },
  { opts: { direction: "image-to-text" }, name: "only the image → text direction (cross-entropy over rows) is used; average it with text → image (over columns)" },
  { opts: { direction: "text-to-image" }, name: "only the text → image direction (cross-entropy over columns) is used; average it with image → text (over rows)" },
  { opts: { temperature: "multiply" }, name: "the logits are multiplied by the temperature instead of divided by it" },
  { opts: { temperature: "ignore" }, name: "the temperature is ignored" },
  { opts: { sumDirections: true }, name: "the two directions are summed instead of averaged" },
  { opts: { normalise: false, temperature: "multiply" }, name: "the embeddings are not normalised and the logits are multiplied by the temperature" },
];

/** d loss / d inputs by central differences in float64 (the reference for the gradient check). */
export function numericGradients(image: Embeddings, text: Embeddings, t: number, h = 1e-6): [Float64Array, Float64Array] {
  return [
    centralDifferences((data) => clipLossReference({ ...image, data }, text, t), image.data, h),
    centralDifferences((data) => clipLossReference(image, { ...text, data }, t), text.data, h),
  ];
}
