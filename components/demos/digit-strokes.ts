/** Stroke drawings of a few digits, rasterised to 28×28 grey images like handwritten-digit datasets. */
type Stroke = [number, number][];

const SIX: Stroke = [
  [0.62, 0.18],
  [0.47, 0.27],
  [0.37, 0.45],
  [0.35, 0.63],
  [0.42, 0.78],
  [0.56, 0.81],
  [0.65, 0.7],
  [0.62, 0.57],
  [0.49, 0.52],
  [0.37, 0.6],
];
const ELLIPSE: Stroke = Array.from({ length: 17 }, (_, i) => {
  const a = (2 * Math.PI * i) / 16;
  return [0.5 + 0.19 * Math.cos(a), 0.5 + 0.3 * Math.sin(a)] as [number, number];
});

const STROKES: Record<string, Stroke> = {
  "0": ELLIPSE,
  "1": [
    [0.4, 0.3],
    [0.53, 0.18],
    [0.53, 0.82],
  ],
  "2": [
    [0.3, 0.33],
    [0.4, 0.21],
    [0.58, 0.19],
    [0.7, 0.3],
    [0.68, 0.45],
    [0.3, 0.8],
    [0.74, 0.8],
  ],
  "3": [
    [0.32, 0.22],
    [0.58, 0.19],
    [0.68, 0.3],
    [0.6, 0.45],
    [0.46, 0.5],
    [0.62, 0.55],
    [0.7, 0.68],
    [0.6, 0.8],
    [0.32, 0.8],
  ],
  "4": [
    [0.62, 0.82],
    [0.62, 0.18],
    [0.24, 0.6],
    [0.78, 0.6],
  ],
  "6": SIX,
  "7": [
    [0.26, 0.22],
    [0.74, 0.22],
    [0.44, 0.82],
  ],
  // A 9 is a 6 turned upside down: the pair that makes rotation a label-changing transformation.
  "9": SIX.map(([x, y]) => [1 - x, 1 - y] as [number, number]),
};

export const DIGITS = Object.keys(STROKES);
export const SIZE = 28;

function segmentDistance(px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  const ex = px - ax - t * dx;
  const ey = py - ay - t * dy;
  return Math.sqrt(ex * ex + ey * ey);
}

/**
 * Row-major pixel intensities in [0, 1]: a bright stroke on a dark background. `dx`, `dy` move the drawing by
 * that many pixels (right, down); `width` scales the pen.
 */
export function rasterizeDigit(digit: string, opts: { dx?: number; dy?: number; width?: number } = {}): number[] {
  const { dx = 0, dy = 0, width = 1 } = opts;
  const pts = (STROKES[digit] ?? STROKES["7"]!).map(([x, y]) => [x * SIZE + dx, y * SIZE + dy] as [number, number]);
  const out: number[] = [];
  for (let r = 0; r < SIZE; r++) {
    for (let c = 0; c < SIZE; c++) {
      let d = Infinity;
      for (let i = 0; i + 1 < pts.length; i++) d = Math.min(d, segmentDistance(c + 0.5, r + 0.5, pts[i]!, pts[i + 1]!));
      out.push(Math.max(0, Math.min(1, 1.9 * width - d)));
    }
  }
  return out;
}
