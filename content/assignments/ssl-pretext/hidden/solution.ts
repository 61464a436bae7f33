/** Hidden: the reference solution of ssl-pretext (course check grades it and expects full marks). */
import * as tf from "@tensorflow/tfjs";

export const CANARY = "unlabeled-hidden-ssl-pretext-solution";

/** One quarter turn counter-clockwise of [h, w, c]: mirror left-right, then swap rows and columns. */
function quarterTurn(image: tf.Tensor3D): tf.Tensor3D {
  return tf.transpose(tf.reverse(image, 1), [1, 0, 2]);
}

export function makeRotationTask(images: tf.Tensor4D, rng: () => number): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const n = images.shape[0];
  const ks = Array.from({ length: n }, () => Math.floor(rng() * 4));
  const x = tf.tidy(() => {
    const rotated = tf.unstack(images).map((image, i) => {
      let out = image as tf.Tensor3D;
      for (let t = 0; t < ks[i]!; t++) out = quarterTurn(out);
      return out;
    });
    return tf.stack(rotated) as tf.Tensor4D;
  });
  return { x, y: tf.tensor1d(ks, "int32") };
}
