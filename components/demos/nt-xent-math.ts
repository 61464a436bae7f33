import type { Tensor2D } from "@tensorflow/tfjs";
import type { Tf } from "./load-tf";
import { gaussian, mulberry32 } from "./seeded-random";

/** 2N embeddings: rows 2k and 2k + 1 are the two augmented views of image k. */
export interface ViewBatch {
  points: [number, number][];
  /** Which image each row came from. */
  image: number[];
}

/**
 * A toy batch on the unit circle: n images at evenly spread angles, each seen twice with angular noise of
 * `spread` radians. With `collapse`, every view lands on the same point, the failure mode of a
 * non-contrastive loss without its safeguards.
 */
export function makeViews(n: number, spread: number, seed: number, collapse = false): ViewBatch {
  const rand = mulberry32(seed);
  const points: [number, number][] = [];
  const image: number[] = [];
  for (let k = 0; k < n; k++) {
    const centre = (2 * Math.PI * k) / n + 0.3 * (rand() - 0.5);
    for (let v = 0; v < 2; v++) {
      const a = collapse ? 0.4 : centre + spread * gaussian(rand);
      points.push([Math.cos(a), Math.sin(a)]);
      image.push(k);
    }
  }
  return { points, image };
}

/** Index of the positive of row i: its sibling view. */
export const positiveOf = (i: number) => i ^ 1;

export interface NtXentResult {
  /** probs[i][j]: softmax over j ≠ i of cos(z_i, z_j) / τ; probs[i][i] = 0. */
  probs: number[][];
  /** Per-anchor loss −log probs[i][positive(i)]. */
  anchorLoss: number[];
  /** Mean over all 2N anchors. */
  loss: number;
  /** Fraction of anchors whose most similar other view is their positive. */
  accuracy: number;
}

/** Reference implementation in plain numbers, used by the tests to check the TF.js version. */
export function ntXent(points: number[][], tau: number): NtXentResult {
  const unit = points.map((p) => {
    const norm = Math.hypot(...p) || 1;
    return p.map((x) => x / norm);
  });
  const m = unit.length;
  const probs: number[][] = [];
  const anchorLoss: number[] = [];
  let hits = 0;
  for (let i = 0; i < m; i++) {
    const logits = unit.map((z, j) => (j === i ? -Infinity : z.reduce((s, x, d) => s + x * unit[i]![d]!, 0) / tau));
    const top = Math.max(...logits);
    const exps = logits.map((l) => (l === -Infinity ? 0 : Math.exp(l - top)));
    const total = exps.reduce((a, b) => a + b, 0);
    const row = exps.map((e) => e / total);
    probs.push(row);
    anchorLoss.push(-Math.log(row[positiveOf(i)]!));
    if (logits.indexOf(top) === positiveOf(i)) hits++;
  }
  return { probs, anchorLoss, loss: anchorLoss.reduce((a, b) => a + b, 0) / m, accuracy: hits / m };
}

/**
 * NT-Xent (SimCLR's loss) in TF.js: normalise, all pairwise cosines over τ, mask the diagonal out of the softmax,
 * cross-entropy against the sibling view.
 */
export function ntXentTf(tf: Tf, points: number[][], tau: number): NtXentResult {
  const m = points.length;
  const out = tf.tidy(() => {
    const z = tf.tensor2d(points);
    const unit = z.div(z.norm("euclidean", 1, true)) as Tensor2D;
    const logits = unit.matMul(unit, false, true).div(tau);
    const masked = logits.add(tf.eye(m).mul(-1e9));
    const logProbs = tf.logSoftmax(masked, 1);
    const targets = tf.oneHot(
      tf.tensor1d(
        Array.from({ length: m }, (_, i) => positiveOf(i)),
        "int32",
      ),
      m,
    );
    const anchorLoss = logProbs.mul(targets).sum(1).neg();
    const hits = masked.argMax(1).equal(targets.argMax(1)).cast("float32").mean();
    return [tf.exp(logProbs), anchorLoss, anchorLoss.mean(), hits];
  });
  const [probs, anchorLoss, loss, acc] = out.map((t) => t.arraySync());
  tf.dispose(out);
  return {
    probs: probs as number[][],
    anchorLoss: anchorLoss as number[],
    loss: loss as number,
    accuracy: acc as number,
  };
}
