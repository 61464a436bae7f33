/**
 * Generated coloured-shape images with captions, for contrastive (image–text) and self-supervised exercises.
 * Fully determined by the seed; pixels in [0, 1], RGB, row-major [count, size, size, 3].
 */
import { createRng, deriveSeed, normal, randomInt } from "../rng";

export const SHAPE_KINDS = ["circle", "square", "triangle", "cross"] as const;
export const SHAPE_COLOURS = {
  red: [0.9, 0.15, 0.15],
  green: [0.15, 0.75, 0.2],
  blue: [0.2, 0.35, 0.95],
  yellow: [0.95, 0.85, 0.15],
  purple: [0.6, 0.2, 0.8],
  orange: [1.0, 0.55, 0.1],
} as const satisfies Record<string, readonly [number, number, number]>;
export const SHAPE_SIZES = ["small", "large"] as const;
export const SHAPE_PLACES = ["top left", "top right", "bottom left", "bottom right", "centre"] as const;

export type ShapeKind = (typeof SHAPE_KINDS)[number];
export type ShapeColour = keyof typeof SHAPE_COLOURS;

export interface ShapeAttributes {
  kind: ShapeKind;
  colour: ShapeColour;
  size: (typeof SHAPE_SIZES)[number];
  place: (typeof SHAPE_PLACES)[number];
}

export interface ShapesDataset {
  size: number;
  count: number;
  images: Float32Array;
  captions: string[];
  attributes: ShapeAttributes[];
}

const COLOUR_NAMES = Object.keys(SHAPE_COLOURS) as ShapeColour[];

export function caption(a: ShapeAttributes): string {
  return `a ${a.size} ${a.colour} ${a.kind} in the ${a.place}`;
}

function inside(kind: ShapeKind, dx: number, dy: number, r: number): boolean {
  switch (kind) {
    case "circle":
      return dx * dx + dy * dy <= r * r;
    case "square":
      return Math.abs(dx) <= r * 0.85 && Math.abs(dy) <= r * 0.85;
    case "triangle":
      // Apex up: inside when below the two slanted edges and above the base.
      return dy <= r * 0.8 && dy >= -r && Math.abs(dx) <= (dy + r) * 0.6;
    case "cross":
      return (Math.abs(dx) <= r * 0.3 && Math.abs(dy) <= r) || (Math.abs(dy) <= r * 0.3 && Math.abs(dx) <= r);
  }
}

/** `count` images of one random shape each, with light background noise and position jitter. */
export function generateShapes(opts: { count: number; seed: number; size?: number }): ShapesDataset {
  const size = opts.size ?? 32;
  if (!Number.isInteger(opts.count) || opts.count < 1) throw new Error("generateShapes: count must be a positive integer");
  if (!Number.isInteger(size) || size < 16 || size > 128) throw new Error("generateShapes: size must be an integer in [16, 128]");
  const rng = createRng(deriveSeed(opts.seed, "shapes"));
  const noise = normal(createRng(deriveSeed(opts.seed, "shapes-noise")));
  const images = new Float32Array(opts.count * size * size * 3);
  const attributes: ShapeAttributes[] = [];
  for (let n = 0; n < opts.count; n++) {
    const a: ShapeAttributes = {
      kind: SHAPE_KINDS[randomInt(rng, SHAPE_KINDS.length)],
      colour: COLOUR_NAMES[randomInt(rng, COLOUR_NAMES.length)],
      size: SHAPE_SIZES[randomInt(rng, SHAPE_SIZES.length)],
      place: SHAPE_PLACES[randomInt(rng, SHAPE_PLACES.length)],
    };
    attributes.push(a);
    const r = (a.size === "small" ? 0.13 : 0.22) * size;
    const quarter = size / 4;
    const jitter = () => (rng() - 0.5) * size * 0.08;
    const cx = (a.place === "centre" ? size / 2 : a.place.endsWith("left") ? quarter : 3 * quarter) + jitter();
    const cy = (a.place === "centre" ? size / 2 : a.place.startsWith("top") ? quarter : 3 * quarter) + jitter();
    const rgb = SHAPE_COLOURS[a.colour];
    const base = n * size * size * 3;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const p = base + (y * size + x) * 3;
        const hit = inside(a.kind, x + 0.5 - cx, cy - (y + 0.5), r);
        for (let ch = 0; ch < 3; ch++) {
          const v = (hit ? rgb[ch] : 0.12) + 0.03 * noise();
          images[p + ch] = Math.min(1, Math.max(0, v));
        }
      }
    }
  }
  return { size, count: opts.count, images, captions: attributes.map(caption), attributes };
}
