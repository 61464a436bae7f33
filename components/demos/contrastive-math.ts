import type { Tensor2D } from "@tensorflow/tfjs";
import type { Tf } from "./load-tf";

export interface ContrastiveResult {
  cosine: number[][];
  /** Row-wise softmax of cosine / tau. */
  probs: number[][];
  lossImageToText: number;
  lossTextToImage: number;
  /** Fraction of rows whose largest logit is on the diagonal. */
  accuracy: number;
}

/**
 * A synthetic CLIP batch: n random "image" directions in `dim` dimensions; caption i is image i plus Gaussian
 * noise of scale `noise`; both are normalised. With `hardNegative`, row 5 is pulled towards row 0.
 */
export function contrastiveBatch(
  tf: Tf,
  o: { n: number; dim: number; noise: number; tau: number; hardNegative: boolean; seed: number },
): ContrastiveResult {
  const out = tf.tidy(() => {
    let base = tf.randomNormal([o.n, o.dim], 0, 1, "float32", o.seed) as Tensor2D;
    if (o.hardNegative && o.n >= 6) {
      const rows = tf.unstack(base);
      rows[5] = rows[0]!.mul(0.85).add(rows[5]!.mul(0.35));
      base = tf.stack(rows) as Tensor2D;
    }
    const unit = (x: Tensor2D) => x.div(x.norm("euclidean", 1, true)) as Tensor2D;
    const images = unit(base);
    const texts = unit(base.add(tf.randomNormal([o.n, o.dim], 0, o.noise, "float32", o.seed + 1)) as Tensor2D);
    const cosine = images.matMul(texts, false, true);
    const logits = cosine.div(o.tau);
    const labels = tf.eye(o.n);
    const i2t = tf.losses.softmaxCrossEntropy(labels, logits);
    const t2i = tf.losses.softmaxCrossEntropy(labels, logits.transpose());
    const correct = logits
      .argMax(1)
      .equal(tf.range(0, o.n, 1, "int32"))
      .cast("float32")
      .mean();
    return [cosine, tf.softmax(logits, 1), i2t, t2i, correct];
  });
  const [cosine, probs, i2t, t2i, acc] = out.map((t) => t.arraySync());
  tf.dispose(out);
  return {
    cosine: cosine as number[][],
    probs: probs as number[][],
    lossImageToText: i2t as number,
    lossTextToImage: t2i as number,
    accuracy: acc as number,
  };
}
