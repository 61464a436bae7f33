import { DIGITS, rasterizeDigit, SIZE } from "./digit-strokes";
import type { Tf } from "./load-tf";
import { mulberry32 } from "./seeded-random";
import { symmetricEigen } from "./symmetric-eigen";

const P = SIZE * SIZE;

/** `perDigit` drawings of every digit, each moved by up to ±2 pixels and drawn with a slightly different pen. */
export function digitSet(perDigit: number, seed: number): { images: number[][]; labels: string[] } {
  const rand = mulberry32(seed);
  const images: number[][] = [];
  const labels: string[] = [];
  for (const d of DIGITS) {
    for (let i = 0; i < perDigit; i++) {
      images.push(rasterizeDigit(d, { dx: (rand() - 0.5) * 4, dy: (rand() - 0.5) * 4, width: 0.85 + 0.3 * rand() }));
      labels.push(d);
    }
  }
  return { images, labels };
}

export interface LinearCode {
  mean: number[];
  /** k orthonormal rows of length 784: the decoder's weights; the encoder uses their transpose. */
  basis: number[][];
}

/**
 * The best linear autoencoder with a k-number bottleneck: for squared error it spans the top-k principal
 * subspace of the centred data (Baldi and Hornik, 1989). With n images of P pixels (n much smaller than P) the
 * principal directions come from the small n×n Gram matrix G = X_c X_cᵀ: if G u = λ u, then X_cᵀ u / √λ is a unit
 * principal direction.
 */
export function fitLinearCode(tf: Tf, images: number[][], k: number): LinearCode {
  const n = images.length;
  const x = tf.tensor2d(images.flat(), [n, P]);
  const mu = x.mean(0, true);
  const xc = x.sub(mu);
  const gram = xc.matMul(xc, false, true);
  const { values, vectors } = symmetricEigen(gram.arraySync() as number[][]);
  const kept = Math.min(k, values.filter((v) => v > 1e-9).length);
  const basis = tf.tidy(() => {
    const u = tf
      .tensor2d(vectors.slice(0, kept), [kept, n])
      .div(tf.tensor2d(values.slice(0, kept).map((l) => [Math.sqrt(l)])));
    return u.matMul(xc).arraySync() as number[][]; // [kept, P], orthonormal rows
  });
  const mean = (mu.arraySync() as number[][])[0]!;
  tf.dispose([x, mu, xc, gram]);
  return { mean, basis };
}

/** Encode with the first k rows, decode, clip to [0, 1]: the reconstruction of every image, [n][784]. */
export function reconstruct(tf: Tf, code: LinearCode, images: number[][], k: number): number[][] {
  return tf.tidy(() => {
    const x = tf.tensor2d(images.flat(), [images.length, P]);
    const mu = tf.tensor2d([code.mean]);
    if (k <= 0) return mu.tile([images.length, 1]).arraySync() as number[][];
    const w = tf.tensor2d(code.basis.slice(0, k));
    const z = x.sub(mu).matMul(w, false, true); // [n, k]: the code
    return z.matMul(w).add(mu).clipByValue(0, 1).arraySync() as number[][];
  });
}

/**
 * Mean squared error on `images` for every code size 0…K (K = the basis size), clipped like `reconstruct`. Plain
 * loops: adding one basis row at a time updates every reconstruction incrementally.
 */
export function reconstructionCurve(code: LinearCode, images: number[][]): number[] {
  const K = code.basis.length;
  const errors = new Array<number>(K + 1).fill(0);
  for (const x of images) {
    const xhat = Float64Array.from(code.mean);
    const z = code.basis.map((w) => w.reduce((s, wj, j) => s + wj * (x[j]! - code.mean[j]!), 0));
    for (let k = 0; k <= K; k++) {
      if (k > 0) {
        const w = code.basis[k - 1]!;
        for (let j = 0; j < P; j++) xhat[j] += z[k - 1]! * w[j]!;
      }
      let e = 0;
      for (let j = 0; j < P; j++) e += (Math.min(1, Math.max(0, xhat[j]!)) - x[j]!) ** 2;
      errors[k]! += e / (P * images.length);
    }
  }
  return errors;
}

export function meanSquaredError(a: number[][], b: number[][]): number {
  let s = 0;
  let n = 0;
  a.forEach((row, i) =>
    row.forEach((v, j) => {
      s += (v - b[i]![j]!) ** 2;
      n++;
    }),
  );
  return s / Math.max(1, n);
}

/** The denoising view: each pixel set to 0 with probability `rate` (a seeded draw). */
export function dropPixels(image: number[], rate: number, seed: number): number[] {
  const rand = mulberry32(seed);
  return image.map((v) => (rand() < rate ? 0 : v));
}
