import * as tf from "@tensorflow/tfjs";

/**
 * SimCLR's NT-Xent loss for a batch of N images seen twice: row i of `z1` and row i of `z2` are the projections of
 * two augmented views of image i. Both are [N, D]. Returns a scalar: the mean over all 2N projections (anchors) of
 * the softmax cross-entropy of its cosine similarities / temperature with the 2N − 1 other projections, the target
 * being its other view.
 */
export function ntXentLoss(z1: tf.Tensor2D, z2: tf.Tensor2D, temperature: number): tf.Scalar {
  // TODO: stack the views, L2-normalise the rows, build the 2N × 2N logits, mask the diagonal, average the 2N cross-entropies.
  throw new Error(`ntXentLoss is not implemented yet (got [${z1.shape}] and [${z2.shape}] at temperature ${temperature})`);
}
