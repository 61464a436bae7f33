import * as tf from "@tensorflow/tfjs";

/**
 * Builds the rotation pretext task from unlabelled images [n, h, w, c] (h = w): each image turned k quarter turns
 * counter-clockwise, with k drawn uniformly from {0, 1, 2, 3} independently per image using `rng`, and y[i] = k.
 */
export function makeRotationTask(images: tf.Tensor4D, rng: () => number): { x: tf.Tensor4D; y: tf.Tensor1D } {
  // TODO: draw one k per image with rng, rotate each image by k × 90° counter-clockwise, return { x, y }.
  throw new Error(`makeRotationTask is not implemented yet (got images of shape [${images.shape}]; rng() = ${rng()})`);
}
