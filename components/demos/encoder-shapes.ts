import type { Tf } from "./load-tf";

export interface EncoderConfig {
  inputSize: number;
  channels: number;
  kernel: number;
  stride: number;
  padding: "same" | "valid";
  /** Filters of each convolution; a 2×2 max-pool follows every convolution but the last. */
  filters: number[];
}

export interface LayerRow {
  name: string;
  /** [height, width, channels] from the lesson's formula. */
  shape: [number, number, number];
  params: number;
}

/** n' = ⌊(n + 2p − k) / s⌋ + 1. TensorFlow's "same" padding is the one that gives n' = ⌈n / s⌉. */
export function convOutputSize(n: number, k: number, s: number, padding: "same" | "valid"): number {
  if (padding === "same") return Math.ceil(n / s);
  return Math.floor((n - k) / s) + 1;
}

/** The padding p that the formula needs for TensorFlow's "same" (may be fractional when k is even). */
export function samePadding(n: number, k: number, s: number): number {
  const out = Math.ceil(n / s);
  return Math.max(0, (out - 1) * s + k - n) / 2;
}

/** The shapes and parameter counts of the lesson's CNN encoder for this configuration, by the formulas. */
export function encoderRows(c: EncoderConfig): LayerRow[] {
  const rows: LayerRow[] = [];
  let n = c.inputSize;
  let ch = c.channels;
  c.filters.forEach((f, i) => {
    n = convOutputSize(n, c.kernel, c.stride, c.padding);
    if (n < 1)
      throw new Error(
        `the feature map vanishes at convolution ${i + 1}: use a smaller kernel or stride, or "same" padding`,
      );
    rows.push({
      name: `conv ${c.kernel}×${c.kernel}, stride ${c.stride}, ${c.padding}`,
      shape: [n, n, f],
      params: c.kernel * c.kernel * ch * f + f,
    });
    ch = f;
    if (i < c.filters.length - 1) {
      n = Math.floor(n / 2);
      if (n < 1) throw new Error(`the feature map vanishes at pooling ${i + 1}`);
      rows.push({ name: "max-pool 2×2", shape: [n, n, ch], params: 0 });
    }
  });
  rows.push({ name: "global average pool", shape: [1, 1, ch], params: 0 });
  return rows;
}

/** The same encoder built with tf.layers; its output shapes and parameter counts, as TensorFlow.js reports them. */
export function tfEncoderRows(tf: Tf, c: EncoderConfig): { shape: number[]; params: number }[] {
  const m = tf.sequential();
  c.filters.forEach((f, i) => {
    m.add(
      tf.layers.conv2d({
        ...(i === 0 ? { inputShape: [c.inputSize, c.inputSize, c.channels] } : {}),
        filters: f,
        kernelSize: c.kernel,
        strides: c.stride,
        padding: c.padding,
        activation: "relu",
      }),
    );
    if (i < c.filters.length - 1) m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  });
  m.add(tf.layers.globalAveragePooling2d({}));
  const rows = m.layers.map((l) => {
    const s = (l.outputShape as (number | null)[]).slice(1) as number[];
    return { shape: s.length === 1 ? [1, 1, s[0]!] : s, params: l.countParams() };
  });
  m.dispose();
  return rows;
}
