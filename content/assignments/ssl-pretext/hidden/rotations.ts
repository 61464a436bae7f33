/**
 * Hidden: plain-array geometry for ssl-pretext. Rotations (counter-clockwise, row 0 at the top) and the usual
 * wrong transforms, so the checks can say which transform a student's image actually is.
 */
export const CANARY = "unlabeled-hidden-ssl-pretext-rotations";

/** One image, [side, side, channels], row-major. */
export interface Image {
  side: number;
  channels: number;
  data: ArrayLike<number>;
}

/** out[i][j] = source(i, j) for each named transform; `k` counter-clockwise quarter turns for rotations. */
type Mapping = (i: number, j: number, n: number) => [number, number];

const ROTATIONS: Mapping[] = [
  (i, j) => [i, j],
  (i, j, n) => [j, n - 1 - i], // 90° counter-clockwise (np.rot90)
  (i, j, n) => [n - 1 - i, n - 1 - j],
  (i, j, n) => [n - 1 - j, i], // 270° counter-clockwise = 90° clockwise
];

/** Transforms that are not rotations but are easy to write by mistake. */
export const NON_ROTATIONS: Record<string, Mapping> = {
  "a transpose (swapping rows and columns without flipping)": (i, j) => [j, i],
  "a horizontal flip (mirror)": (i, j, n) => [i, n - 1 - j],
  "a vertical flip (upside-down mirror)": (i, j, n) => [n - 1 - i, j],
  "an anti-transpose": (i, j, n) => [n - 1 - j, n - 1 - i],
};

function apply(image: Image, map: Mapping): Float32Array {
  const { side: n, channels: c, data } = image;
  const out = new Float32Array(n * n * c);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const [si, sj] = map(i, j, n);
      for (let ch = 0; ch < c; ch++) out[(i * n + j) * c + ch] = data[(si * n + sj) * c + ch]!;
    }
  }
  return out;
}

/** The image turned k quarter turns counter-clockwise. */
export function rotate(image: Image, k: number): Float32Array {
  return apply(image, ROTATIONS[((k % 4) + 4) % 4]!);
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, offset: number, atol: number): boolean {
  for (let i = 0; i < b.length; i++) {
    if (!(Math.abs(a[offset + i]! - b[i]!) <= atol)) return false;
  }
  return true;
}

/**
 * What output image (values at `offset` in `out`) is, relative to `image`: the rotation k it equals, the name of a
 * non-rotation it equals, or null. Images in the checks are built so that no two transforms coincide.
 */
export function identify(image: Image, out: ArrayLike<number>, offset: number, atol = 1e-5): { k: number } | { other: string } | null {
  for (let k = 0; k < 4; k++) if (close(out, rotate(image, k), offset, atol)) return { k };
  for (const [name, map] of Object.entries(NON_ROTATIONS)) if (close(out, apply(image, map), offset, atol)) return { other: name };
  return null;
}
