/** Hidden: the reference solution of causal-attention (course check grades it and expects full marks). */
import * as tf from "@tensorflow/tfjs";

export const CANARY = "unlabeled-hidden-causal-attention-solution";

export function causalMask(seqLen: number): tf.Tensor2D {
  return tf.linalg.bandPart(tf.ones([seqLen, seqLen]), -1, 0) as tf.Tensor2D;
}

export function causalSelfAttention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const [, seqLen, dim] = q.shape;
    const scores = tf.matMul(q, k, false, true).div(Math.sqrt(dim));
    const mask = causalMask(seqLen);
    const masked = tf.where(mask.cast("bool"), scores, tf.fill(scores.shape, -1e9));
    return tf.matMul(tf.softmax(masked, -1), v) as tf.Tensor3D;
  });
}
