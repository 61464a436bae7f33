/**
 * Artifacts a check's score() may attach to its test in the result: learning curves, image grids, matrices.
 * They are data for the result page, validated before they are stored.
 */
import { z } from "zod";

const name = z.string().min(1).max(200);
const finite = z.number().refine(Number.isFinite, "must be finite");

export const curveArtifactSchema = z.strictObject({
  kind: z.literal("curve"),
  name,
  x_label: z.string().max(100).optional(),
  y_label: z.string().max(100).optional(),
  series: z
    .array(
      z
        .strictObject({ name, x: z.array(finite).max(10_000), y: z.array(z.number()).max(10_000) })
        .refine((s) => s.x.length === s.y.length, "x and y need the same length"),
    )
    .min(1)
    .max(20),
});

export const imageGridArtifactSchema = z.strictObject({
  kind: z.literal("image-grid"),
  name,
  columns: z.number().int().min(1).max(64).optional(),
  images: z
    .array(
      z
        .strictObject({
          /** [height, width] or [height, width, channels] with 1, 3 or 4 channels. */
          shape: z.union([z.tuple([z.number().int().min(1).max(256), z.number().int().min(1).max(256)]), z.tuple([z.number().int().min(1).max(256), z.number().int().min(1).max(256), z.union([z.literal(1), z.literal(3), z.literal(4)])])]),
          /** Row-major uint8 pixel values, base64. */
          data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
          caption: z.string().max(200).optional(),
        })
        .refine((img) => Buffer.from(img.data, "base64").length === img.shape.reduce((a, b) => a * b, 1), "data does not match shape"),
    )
    .min(1)
    .max(256),
});

export const matrixArtifactSchema = z.strictObject({
  kind: z.literal("matrix"),
  name,
  rows: z.array(z.string().max(100)).max(100).optional(),
  columns: z.array(z.string().max(100)).max(100).optional(),
  values: z.array(z.array(z.number()).max(100)).max(100),
});

export const artifactSchema = z.discriminatedUnion("kind", [curveArtifactSchema, imageGridArtifactSchema, matrixArtifactSchema]);

export type Artifact = z.infer<typeof artifactSchema>;
export type ImageArtifactItem = z.infer<typeof imageGridArtifactSchema>["images"][number];

/**
 * One image of a grid from numbers: values in [0, 1] are scaled to bytes unless `range` is "byte" (0..255).
 */
export function imageItem(
  values: ArrayLike<number>,
  shape: [number, number] | [number, number, 1 | 3 | 4],
  opts: { caption?: string; range?: "unit" | "byte" } = {},
): ImageArtifactItem {
  const scale = opts.range === "byte" ? 1 : 255;
  const bytes = Uint8Array.from(Array.from(values, (v) => Math.max(0, Math.min(255, Math.round((Number.isFinite(v) ? v : 0) * scale)))));
  return { shape, data: Buffer.from(bytes).toString("base64"), ...(opts.caption === undefined ? {} : { caption: opts.caption }) };
}
