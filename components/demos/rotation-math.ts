import type { Tensor1D, Tensor4D } from "@tensorflow/tfjs";
import type { Tf } from "./load-tf";

/**
 * The rotation pretext task's geometry, with the same convention as the lesson and the ssl-pretext assignment:
 * k quarter turns counter-clockwise, row 0 at the top; one turn gives out[i][j] = in[j][n - 1 - i].
 */
export function quarterTurn(images: Tensor4D): Tensor4D {
  return images.transpose([0, 2, 1, 3]).reverse(1) as Tensor4D;
}

/** Every image of `images` [n, h, w, c] (h = w) turned k × 90° counter-clockwise (k taken modulo 4). */
export function rotateBy(tf: Tf, images: Tensor4D, k: number): Tensor4D {
  return tf.tidy(() => {
    let out = images.clone();
    for (let t = 0; t < ((k % 4) + 4) % 4; t++) out = quarterTurn(out);
    return out;
  });
}

/** The pretext batch: each image turned by its own k = floor(rng() · 4), and the labels y = k. */
export function rotationBatch(tf: Tf, images: Tensor4D, rng: () => number): { x: Tensor4D; y: Tensor1D; ks: number[] } {
  const n = images.shape[0];
  const ks = Array.from({ length: n }, () => Math.floor(rng() * 4));
  const x = tf.tidy(() => {
    const singles = tf.split(images, n, 0) as Tensor4D[];
    return tf.concat(
      singles.map((img, i) => rotateBy(tf, img, ks[i]!)),
      0,
    ) as Tensor4D;
  });
  return { x, y: tf.tensor1d(ks, "int32"), ks };
}

/**
 * How far each rotation of one image [1, n, n, c] is from the others: the root-mean-square pixel difference
 * between rotation r and rotation s, as a 4×4 matrix. A zero off the diagonal means two labels show the same
 * picture, so no model can tell them apart.
 */
export function rotationDistances(tf: Tf, image: Tensor4D): number[][] {
  const d = tf.tidy(() => {
    const flat = tf.concat(
      [0, 1, 2, 3].map((k) => rotateBy(tf, image, k).reshape([1, -1])),
      0,
    ); // [4, P]
    const diff = flat.expandDims(1).sub(flat.expandDims(0)); // [4, 4, P]
    return diff.square().mean(2).sqrt();
  });
  const out = d.arraySync() as number[][];
  d.dispose();
  return out;
}

/** The labels that cannot be told apart from label k (distance below `tol`), k included. */
export function confusableWith(distances: number[][], k: number, tol = 1e-3): number[] {
  return distances[k]!.flatMap((d, s) => (d < tol ? [s] : []));
}
