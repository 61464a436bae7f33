/** Hidden: the reference solution of augmentation: a small random affine warp (rotation, scale, shift) per digit. */
import * as tf from "@tensorflow/tfjs";

export const CANARY = "unlabeled-hidden-augmentation-solution";

export function augment(images: tf.Tensor4D, rng: () => number): tf.Tensor4D {
  const [n, h, w, c] = images.shape;
  const src = images.dataSync();
  const out = new Float32Array(src.length);
  for (let k = 0; k < n; k++) {
    const angle = ((rng() * 2 - 1) * 12 * Math.PI) / 180;
    const scale = 0.9 + 0.2 * rng();
    const dx = (rng() * 2 - 1) * 2;
    const dy = (rng() * 2 - 1) * 2;
    const cos = Math.cos(angle) / scale;
    const sin = Math.sin(angle) / scale;
    const cx = (w - 1) / 2;
    const cy = (h - 1) / 2;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        // Inverse map: where in the source this output pixel comes from.
        const u = cos * (x - cx - dx) + sin * (y - cy - dy) + cx;
        const v = -sin * (x - cx - dx) + cos * (y - cy - dy) + cy;
        const x0 = Math.floor(u);
        const y0 = Math.floor(v);
        for (let ch = 0; ch < c; ch++) {
          let value = 0;
          for (const [yy, wy] of [[y0, 1 - (v - y0)], [y0 + 1, v - y0]] as const) {
            for (const [xx, wx] of [[x0, 1 - (u - x0)], [x0 + 1, u - x0]] as const) {
              if (yy >= 0 && yy < h && xx >= 0 && xx < w) value += wy * wx * src[((k * h + yy) * w + xx) * c + ch]!;
            }
          }
          out[((k * h + y) * w + x) * c + ch] = Math.min(1, Math.max(0, value));
        }
      }
    }
  }
  return tf.tensor4d(out, [n, h, w, c]);
}
