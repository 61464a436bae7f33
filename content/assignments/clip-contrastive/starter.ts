import * as tf from "@tensorflow/tfjs";

/**
 * The CLIP loss for a batch of N matching (image, text) pairs: row i of `imageEmb` belongs with row i of `textEmb`.
 * Both are [N, D]. Returns a scalar: the mean of the image → text and text → image cross-entropies of
 * (normalised image) · (normalised text)ᵀ / temperature, with the matching pairs on the diagonal.
 */
export function clipLoss(imageEmb: tf.Tensor2D, textEmb: tf.Tensor2D, temperature: number): tf.Scalar {
  // TODO: L2-normalise each row, build the N × N logits, and average the two cross-entropies.
  throw new Error(`clipLoss is not implemented yet (got [${imageEmb.shape}] and [${textEmb.shape}] at temperature ${temperature})`);
}
