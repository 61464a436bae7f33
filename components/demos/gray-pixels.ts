/** RGBA bytes for a grey image with values in [0, 1] (white strokes on black), for PixelCanvas. */
export function grayPixels(values: ArrayLike<number>): Uint8ClampedArray {
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const g = Math.round(255 * Math.min(1, Math.max(0, values[i]!)));
    out[4 * i] = g;
    out[4 * i + 1] = g;
    out[4 * i + 2] = g;
    out[4 * i + 3] = 255;
  }
  return out;
}
