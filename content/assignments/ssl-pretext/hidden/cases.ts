/** Hidden: inputs of the ssl-pretext checks and the reading of the student's { x, y } results. */
import { HostTensor, tensor, type HostValue } from "@unlabeled/sdk";
import { identify, type Image } from "./rotations";

export const CANARY = "unlabeled-hidden-ssl-pretext-cases";

/** A batch [n, side, side, channels] of distinct random values, so that no two transforms of an image coincide. */
export function randomImages(n: number, side: number, channels: number, rng: () => number): HostTensor {
  const data = new Float32Array(n * side * side * channels);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(rng() * 1e6) / 1e6 + (i % 7) * 1e-3;
  return tensor(data, [n, side, side, channels]);
}

export function imageAt(batch: HostTensor, i: number): Image {
  const [, side, , channels] = batch.shape as [number, number, number, number];
  const size = side * side * channels;
  return { side, channels, data: (batch.data as Float32Array).subarray(i * size, (i + 1) * size) };
}

export interface TaskResult {
  x: HostTensor;
  y: HostTensor;
}

/** The { x, y } a call returned, or why it is not the right shape. */
export function readResult(value: HostValue, input: HostTensor): TaskResult | string {
  if (!value || typeof value !== "object" || Array.isArray(value) || value instanceof HostTensor) return "makeRotationTask must return an object { x, y }";
  const { x, y } = value as { x?: HostValue; y?: HostValue };
  if (!(x instanceof HostTensor) || !(y instanceof HostTensor)) return "makeRotationTask must return { x, y } with both tensors";
  const n = input.shape[0]!;
  if (x.shape.join() !== input.shape.join()) return `x must keep the input's shape [${input.shape.join(", ")}], got [${x.shape.join(", ")}]`;
  if (y.shape.join() !== String(n)) return `y must have shape [${n}] (one label per image), got [${y.shape.join(", ")}]`;
  if (y.dtype !== "int32") return `y must be an int32 tensor, got ${y.dtype} (use tf.tensor1d(labels, "int32"))`;
  if (x.dtype !== "float32") return `x must keep the images' dtype float32, got ${x.dtype}`;
  return { x, y };
}

export interface Verdict {
  ok: boolean;
  feedback: string;
}

/** Whether every x[i] is images[i] turned y[i] quarter turns counter-clockwise; otherwise the mistake's name. */
export function judgeRotations(input: HostTensor, result: TaskResult): Verdict {
  const n = input.shape[0]!;
  const size = input.size / n;
  const found: number[] = [];
  const labels = Array.from(result.y.data as Int32Array);
  for (let i = 0; i < n; i++) {
    const what = identify(imageAt(input, i), result.x.data as Float32Array, i * size);
    if (what === null) {
      const other = Array.from({ length: n }, (_, j) => j).find((j) => j !== i && identify(imageAt(input, j), result.x.data as Float32Array, i * size) !== null);
      const reason = other !== undefined ? `x[${i}] is a rotation of images[${other}]: keep the images in their order` : `x[${i}] is not a quarter-turn rotation of images[${i}]`;
      return { ok: false, feedback: reason };
    }
    if ("other" in what) return { ok: false, feedback: `x[${i}] is ${what.other} of images[${i}], not a rotation` };
    found.push(what.k);
  }
  const bad = labels.findIndex((k) => !(k >= 0 && k <= 3));
  if (bad !== -1) return { ok: false, feedback: `y[${bad}] = ${labels[bad]}: labels must be k in {0, 1, 2, 3}` };
  if (found.every((k, i) => k === labels[i])) return { ok: true, feedback: `All ${n} images are rotated exactly as their labels say.` };
  const turned = found.filter((k, i) => k !== labels[i] && (4 - k) % 4 === labels[i]).length;
  const wrong = found.filter((k, i) => k !== labels[i]).length;
  if (turned === wrong) {
    return { ok: false, feedback: `${wrong} of ${n} images are rotated clockwise by k quarter turns while labelled k: the rotation direction and the labels are inconsistent (k means k × 90° counter-clockwise)` };
  }
  const shifted = (d: number) => found.every((k, i) => (k + d) % 4 === labels[i]);
  if (shifted(1) || shifted(3)) return { ok: false, feedback: `the labels are off by one quarter turn from the rotations actually applied` };
  return { ok: false, feedback: `${wrong} of ${n} labels do not match the rotation applied to their image` };
}
