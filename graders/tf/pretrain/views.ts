/**
 * Random views of 28 × 28 digits for contrastive pretraining, in plain JS on host arrays (cheaper than TF.js ops
 * for images this small, and reproducible from the rng alone): a random affine warp (rotation, scale, shift) with
 * bilinear sampling, then with probability ½ a random erased rectangle.
 */
import { MNIST_PIXELS, MNIST_SIDE } from "../data/mnist";

export interface ViewOptions {
  /** Largest rotation either way, in degrees. */
  maxDegrees: number;
  /** Range of the zoom factor. */
  scale: [number, number];
  /** Largest shift either way, in pixels. */
  maxShift: number;
  /** Probability of erasing one rectangle, and its largest side in pixels. */
  eraseProbability: number;
  eraseMax: number;
}

export const DEFAULT_VIEWS: ViewOptions = { maxDegrees: 15, scale: [0.8, 1.1], maxShift: 3, eraseProbability: 0.5, eraseMax: 10 };

function sample(src: Float32Array, base: number, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const at = (xx: number, yy: number) => (xx >= 0 && yy >= 0 && xx < MNIST_SIDE && yy < MNIST_SIDE ? src[base + yy * MNIST_SIDE + xx]! : 0);
  return (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
}

/** One random view of each listed image of `src` (count × 784), written to a new count × 784 array. */
export function randomViews(src: Float32Array, indices: ArrayLike<number>, rng: () => number, opts: ViewOptions = DEFAULT_VIEWS): Float32Array {
  const out = new Float32Array(indices.length * MNIST_PIXELS);
  const c = (MNIST_SIDE - 1) / 2;
  for (let n = 0; n < indices.length; n++) {
    const base = indices[n]! * MNIST_PIXELS;
    const angle = ((rng() * 2 - 1) * opts.maxDegrees * Math.PI) / 180;
    const zoom = opts.scale[0] + rng() * (opts.scale[1] - opts.scale[0]);
    const dx = (rng() * 2 - 1) * opts.maxShift;
    const dy = (rng() * 2 - 1) * opts.maxShift;
    const cos = Math.cos(angle) / zoom;
    const sin = Math.sin(angle) / zoom;
    const o = n * MNIST_PIXELS;
    for (let y = 0; y < MNIST_SIDE; y++) {
      for (let x = 0; x < MNIST_SIDE; x++) {
        // Inverse map: output pixel → source position.
        const u = x - c - dx;
        const v = y - c - dy;
        out[o + y * MNIST_SIDE + x] = sample(src, base, cos * u + sin * v + c, -sin * u + cos * v + c);
      }
    }
    if (rng() < opts.eraseProbability) {
      const w = 3 + Math.floor(rng() * (opts.eraseMax - 2));
      const h = 3 + Math.floor(rng() * (opts.eraseMax - 2));
      const x0 = Math.floor(rng() * (MNIST_SIDE - w));
      const y0 = Math.floor(rng() * (MNIST_SIDE - h));
      for (let y = y0; y < y0 + h; y++) out.fill(0, o + y * MNIST_SIDE + x0, o + y * MNIST_SIDE + x0 + w);
    }
  }
  return out;
}

/** The four rotations by k × 90° counter-clockwise of each image (k = 0…3, image-major), with k as the label. */
export function fourRotations(src: Float32Array, count: number): { images: Float32Array; labels: Int32Array } {
  const images = new Float32Array(count * 4 * MNIST_PIXELS);
  const labels = new Int32Array(count * 4);
  const s = MNIST_SIDE;
  for (let n = 0; n < count; n++) {
    for (let k = 0; k < 4; k++) {
      const o = (n * 4 + k) * MNIST_PIXELS;
      labels[n * 4 + k] = k;
      for (let y = 0; y < s; y++) {
        for (let x = 0; x < s; x++) {
          // Counter-clockwise by k quarter turns: out(y, x) = in(rotated back).
          let sy = y;
          let sx = x;
          for (let r = 0; r < k; r++) [sy, sx] = [sx, s - 1 - sy];
          images[o + y * s + x] = src[n * MNIST_PIXELS + sy * s + sx]!;
        }
      }
    }
  }
  return { images, labels };
}
