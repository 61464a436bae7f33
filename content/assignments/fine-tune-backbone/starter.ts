import * as tf from "@tensorflow/tfjs";

/**
 * Adapts a pretrained encoder to classify digits from a few labels.
 * - `backbone` maps [n, 28, 28, 1] pixels in [0, 1] to [n, 64] features; it was pretrained without labels (SimCLR).
 *   You may freeze it (`backbone.trainable = false`), train it, or both in turn: it is your own copy.
 * - `train.x` is [n, 28, 28, 1] and `train.y` [n, numClasses] one-hot labels (n is small: 60 in the grader).
 * - Draw any randomness of your own from `opts.rng`.
 * Returns a model mapping [m, 28, 28, 1] to [m, numClasses] class probabilities (each row sums to 1).
 */
export async function fineTune(
  backbone: tf.LayersModel,
  train: { x: tf.Tensor4D; y: tf.Tensor2D },
  opts: { numClasses: number; rng: () => number },
): Promise<tf.LayersModel> {
  // TODO: put a classification head on the backbone, train the head on frozen features, then (optionally)
  // unfreeze the backbone and fine-tune everything with a lower learning rate.
  throw new Error(`fineTune is not implemented yet (got ${train.x.shape[0]} labelled digits, ${opts.numClasses} classes, backbone ${backbone.name})`);
}
