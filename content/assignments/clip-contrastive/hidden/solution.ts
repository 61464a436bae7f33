/** Hidden: the reference solution of clip-contrastive (course check grades it and expects full marks). */
import * as tf from "@tensorflow/tfjs";

export const CANARY = "unlabeled-hidden-clip-contrastive-solution";

export function clipLoss(imageEmb: tf.Tensor2D, textEmb: tf.Tensor2D, temperature: number): tf.Scalar {
  return tf.tidy(() => {
    const a = tf.div(imageEmb, tf.norm(imageEmb, "euclidean", 1, true));
    const b = tf.div(textEmb, tf.norm(textEmb, "euclidean", 1, true));
    const logits = tf.div(tf.matMul(a, b, false, true), temperature);
    const targets = tf.eye(imageEmb.shape[0]);
    const imageToText = tf.losses.softmaxCrossEntropy(targets, logits);
    const textToImage = tf.losses.softmaxCrossEntropy(targets, logits.transpose());
    return tf.div(tf.add(imageToText, textToImage), 2) as tf.Scalar;
  });
}
