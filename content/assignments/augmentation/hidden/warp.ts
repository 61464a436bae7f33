/** Hidden, trusted: random affine warps (rotation, scale, shift) used to make the judge classifier robust to them. */
import { MNIST_SIDE } from "@unlabeled/sdk";

export const CANARY = "unlabeled-hidden-augmentation-warp";

export interface WarpRange {
  degrees: number;
  shift: number;
  scale: number;
}

/** Each 28×28 image of `src` (n × 784) warped by a random affine map within `range`, bilinear, clipped to [0, 1]. */
export function warpBatch(src: Float32Array, n: number, rng: () => number, range: WarpRange): Float32Array {
  const side = MNIST_SIDE;
  const out = new Float32Array(src.length);
  const c = (side - 1) / 2;
  const at = (k: number, y: number, x: number) => (y >= 0 && y < side && x >= 0 && x < side ? src[k * side * side + y * side + x]! : 0);
  for (let k = 0; k < n; k++) {
    const angle = ((rng() * 2 - 1) * range.degrees * Math.PI) / 180;
    const scale = 1 + (rng() * 2 - 1) * range.scale;
    const dx = (rng() * 2 - 1) * range.shift;
    const dy = (rng() * 2 - 1) * range.shift;
    const cos = Math.cos(angle) / scale;
    const sin = Math.sin(angle) / scale;
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const u = cos * (x - c - dx) + sin * (y - c - dy) + c;
        const v = -sin * (x - c - dx) + cos * (y - c - dy) + c;
        const x0 = Math.floor(u);
        const y0 = Math.floor(v);
        const fx = u - x0;
        const fy = v - y0;
        const value = (1 - fy) * ((1 - fx) * at(k, y0, x0) + fx * at(k, y0, x0 + 1)) + fy * ((1 - fx) * at(k, y0 + 1, x0) + fx * at(k, y0 + 1, x0 + 1));
        out[k * side * side + y * side + x] = Math.min(1, Math.max(0, value));
      }
    }
  }
  return out;
}
