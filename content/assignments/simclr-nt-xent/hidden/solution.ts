/** Hidden: the reference solution of simclr-nt-xent (course check grades it and expects full marks). */
import * as tf from "@tensorflow/tfjs";

export const CANARY = "unlabeled-hidden-simclr-nt-xent-solution";

export function ntXentLoss(z1: tf.Tensor2D, z2: tf.Tensor2D, temperature: number): tf.Scalar {
  return tf.tidy(() => {
    const n = z1.shape[0];
    const z = tf.concat([z1, z2], 0);
    const unit = tf.div(z, tf.norm(z, "euclidean", 1, true));
    const similarities = tf.div(tf.matMul(unit, unit, false, true), temperature);
    // Each row's similarity with itself leaves the softmax: a large negative logit has probability 0.
    const logits = tf.sub(similarities, tf.mul(tf.eye(2 * n), 1e9));
    // Anchor i's positive is its other view: i + N for the first N rows, i − N for the last N.
    const positives = tf.concat([tf.range(n, 2 * n, 1, "int32"), tf.range(0, n, 1, "int32")]);
    return tf.losses.softmaxCrossEntropy(tf.oneHot(positives, 2 * n), logits) as tf.Scalar;
  });
}
