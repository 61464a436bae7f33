/** Stroke drawings of a few digits, rasterised to 28×28 grey images like handwritten-digit datasets. */
const STROKES: Record<string, [number, number][]> = {
  "2": [[0.3, 0.33], [0.4, 0.21], [0.58, 0.19], [0.7, 0.3], [0.68, 0.45], [0.3, 0.8], [0.74, 0.8]],
  "4": [[0.62, 0.82], [0.62, 0.18], [0.24, 0.6], [0.78, 0.6]],
  "7": [[0.26, 0.22], [0.74, 0.22], [0.44, 0.82]],
};

export const DIGITS = Object.keys(STROKES);
export const SIZE = 28;

function segmentDistance(px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Row-major pixel intensities in [0, 1]: a bright stroke on a dark background. */
export function rasterizeDigit(digit: string): number[] {
  const pts = (STROKES[digit] ?? STROKES["7"]!).map(([x, y]) => [x * SIZE, y * SIZE] as [number, number]);
  const out: number[] = [];
  for (let r = 0; r < SIZE; r++) {
    for (let c = 0; c < SIZE; c++) {
      let d = Infinity;
      for (let i = 0; i + 1 < pts.length; i++) d = Math.min(d, segmentDistance(c + 0.5, r + 0.5, pts[i]!, pts[i + 1]!));
      out.push(Math.max(0, Math.min(1, 1.9 - d)));
    }
  }
  return out;
}
