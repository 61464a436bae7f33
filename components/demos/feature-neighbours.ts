import type { Tensor2D, Tensor4D } from "@tensorflow/tfjs";
import { rasterizeDigit, SIZE } from "./digit-strokes";
import type { Tf } from "./load-tf";

/** The labelled examples a query is compared with: one centred drawing per digit. */
export const GALLERY = ["0", "1", "2", "3", "4", "6", "7", "9"];

/** Moves the image content so its centre of mass sits at the centre of the frame (whole pixels, zeros fill in). */
export function recentre(pixels: number[], side = SIZE): number[] {
  let mass = 0;
  let cy = 0;
  let cx = 0;
  pixels.forEach((v, i) => {
    mass += v;
    cy += v * Math.floor(i / side);
    cx += v * (i % side);
  });
  if (mass === 0) return [...pixels];
  const dy = Math.round((side - 1) / 2 - cy / mass);
  const dx = Math.round((side - 1) / 2 - cx / mass);
  const out = new Array<number>(side * side).fill(0);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const sr = r - dy;
      const sc = c - dx;
      if (sr >= 0 && sr < side && sc >= 0 && sc < side) out[r * side + c] = pixels[sr * side + sc]!;
    }
  }
  return out;
}

/** cos(a_i, b_j) for every row i of a and row j of b, as in the lesson. */
export function cosineMatrix(tf: Tf, a: Tensor2D, b: Tensor2D): Tensor2D {
  return tf.tidy(() => {
    const unit = (t: Tensor2D) => t.div(t.norm("euclidean", 1, true).add(1e-8)) as Tensor2D;
    return unit(a).matMul(unit(b), false, true) as Tensor2D;
  });
}

/**
 * A hand-made encoder that tolerates shifts: recentre on the centre of mass, blur with a 5×5 Gaussian, and
 * average 4×4 blocks: 784 pixels become 49 features.
 */
export function encode(tf: Tf, images: number[][]): Tensor2D {
  return tf.tidy(() => {
    const x = tf.tensor4d(
      images.flatMap((im) => recentre(im)),
      [images.length, SIZE, SIZE, 1],
    );
    const g = [-2, -1, 0, 1, 2].map((d) => Math.exp(-(d * d) / (2 * 1.2 * 1.2)));
    const kernel = tf.outerProduct(tf.tensor1d(g), tf.tensor1d(g));
    const filter = kernel.div(kernel.sum()).reshape([5, 5, 1, 1]) as Tensor4D;
    const blurred = tf.conv2d(x, filter, 1, "same");
    return tf.avgPool(blurred, 4, 4, "valid").reshape([images.length, -1]) as Tensor2D;
  });
}

export interface Neighbours {
  /** Cosine similarity of the query to each gallery digit, in raw pixel space and in the encoder's space. */
  pixel: number[];
  feature: number[];
  pixelBest: string;
  featureBest: string;
}

/** The nearest gallery digit to `digit` drawn `shift` pixels to the right and `shift / 2` down. */
export function nearestNeighbours(tf: Tf, digit: string, shift: number): Neighbours {
  const gallery = GALLERY.map((d) => rasterizeDigit(d));
  const query = rasterizeDigit(digit, { dx: shift, dy: shift / 2 });
  const [pixel, feature] = tf.tidy(() => {
    const flat = (ims: number[][]) => tf.tensor2d(ims.flat(), [ims.length, SIZE * SIZE]);
    const p = cosineMatrix(tf, flat([query]), flat(gallery));
    const f = cosineMatrix(tf, encode(tf, [query]), encode(tf, gallery));
    return [(p.arraySync() as number[][])[0]!, (f.arraySync() as number[][])[0]!];
  });
  const best = (sims: number[]) => GALLERY[sims.indexOf(Math.max(...sims))]!;
  return { pixel: pixel!, feature: feature!, pixelBest: best(pixel!), featureBest: best(feature!) };
}
