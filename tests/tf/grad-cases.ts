/** Every layer and op used by a grader or lesson model, as small gradient-check cases. */
import * as tf from "@tensorflow/tfjs";
import type { GradCase } from "./grad-helpers";

type T4 = tf.Tensor4D;
type PadMode = "same" | "valid";

const convCases: GradCase[] = (
  [
    ["conv2d 3x3 s1 valid", [2, 6, 6, 2], [3, 3, 2, 3], 1, "valid"],
    ["conv2d 3x3 s1 same", [2, 5, 6, 3], [3, 3, 3, 2], 1, "same"],
    ["conv2d 3x3 s2 same", [2, 7, 7, 2], [3, 3, 2, 4], 2, "same"],
    ["conv2d 3x3 s2 valid", [1, 8, 7, 3], [3, 3, 3, 2], 2, "valid"],
    ["conv2d 5x5 s1 same", [1, 7, 7, 1], [5, 5, 1, 3], 1, "same"],
    ["conv2d 1x1", [2, 4, 4, 5], [1, 1, 5, 3], 1, "valid"],
  ] as Array<[string, number[], number[], number, PadMode]>
).map(([name, xs, fs, s, pad]) => ({
  name,
  inputs: { x: { shape: xs }, w: { shape: fs, scale: 0.5 } },
  f: (t) => tf.conv2d(t.x as T4, t.w as T4, s, pad),
}));

const depthwiseCases: GradCase[] = (
  [
    ["depthwise 3x3 s1 same m1", [2, 5, 5, 3], [3, 3, 3, 1], 1, "same"],
    ["depthwise 3x3 s2 same m2", [2, 6, 7, 2], [3, 3, 2, 2], 2, "same"],
    ["depthwise 3x3 s1 valid m1", [1, 6, 6, 4], [3, 3, 4, 1], 1, "valid"],
    ["depthwise 2x2 s2 valid m2", [2, 6, 6, 2], [2, 2, 2, 2], 2, "valid"],
  ] as Array<[string, number[], number[], number, PadMode]>
).map(([name, xs, fs, s, pad]) => ({
  name,
  inputs: { x: { shape: xs }, w: { shape: fs, scale: 0.5 } },
  f: (t) => tf.depthwiseConv2d(t.x as T4, t.w as T4, s, pad),
}));

const poolCases: GradCase[] = [
  ...(
    [
      ["maxPool 2x2 s2 valid", [2, 6, 6, 2], 2, 2, "valid"],
      ["maxPool 3x3 s2 same", [2, 7, 5, 2], 3, 2, "same"],
      ["maxPool 3x3 s1 same", [1, 5, 5, 3], 3, 1, "same"],
    ] as Array<[string, number[], number, number, PadMode]>
  ).map(([name, xs, k, s, pad]): GradCase => ({
    // Negative, distinct inputs: the shipped wasm MaxPoolGrad loses windows whose maximum is <= 0.
    name, inputs: { x: { shape: xs, separated: true } }, eps: 1e-3,
    f: (t) => tf.maxPool(t.x as T4, k, s, pad),
  })),
  ...(
    [
      ["avgPool 2x2 s2 valid", [2, 6, 6, 2], 2, 2, "valid"],
      ["avgPool 3x3 s1 same", [1, 5, 6, 3], 3, 1, "same"],
      ["avgPool 3x3 s2 same", [2, 7, 7, 1], 3, 2, "same"],
    ] as Array<[string, number[], number, number, PadMode]>
  ).map(([name, xs, k, s, pad]): GradCase => ({
    name, inputs: { x: { shape: xs } }, f: (t) => tf.avgPool(t.x as T4, k, s, pad),
  })),
];

function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
}

function attention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, causal: boolean): tf.Tensor {
  const d = q.shape[q.shape.length - 1];
  let scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(d));
  if (causal) {
    const T = q.shape[q.shape.length - 2];
    const mask = tf.linalg.bandPart(tf.ones([T, T]), -1, 0);
    scores = tf.add(scores, tf.mul(tf.sub(1, mask), -1e9));
  }
  return tf.matMul(tf.softmax(scores), v);
}

const gelu = (x: tf.Tensor) => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.div(x, Math.SQRT2))));
const geluTanh = (x: tf.Tensor) =>
  tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3)))))));

export const GRAD_CASES: GradCase[] = [
  {
    name: "dense (matMul + bias)",
    inputs: { x: { shape: [5, 7] }, w: { shape: [7, 4] }, b: { shape: [4] } },
    f: (t) => tf.add(tf.matMul(t.x, t.w), t.b),
  },
  {
    name: "dense fused (layers path) with relu",
    inputs: { x: { shape: [6, 5], separated: true }, w: { shape: [5, 3], separated: true }, b: { shape: [3], scale: 0.1 } },
    eps: 1e-3,
    f: (t) => tf.fused.matMul({ a: t.x as tf.Tensor2D, b: t.w as tf.Tensor2D, bias: t.b, activation: "relu" }),
  },
  {
    name: "dense on a sequence (rank-3 input)",
    inputs: { x: { shape: [2, 3, 4] }, w: { shape: [4, 5] } },
    f: (t) => tf.matMul(t.x, tf.broadcastTo(t.w, [2, 4, 5])),
  },
  ...convCases,
  {
    name: "conv2dTranspose 3x3 s2 same",
    inputs: { x: { shape: [2, 3, 3, 4] }, w: { shape: [3, 3, 2, 4], scale: 0.5 } },
    f: (t) => tf.conv2dTranspose(t.x as T4, t.w as T4, [2, 6, 6, 2], 2, "same"),
  },
  ...depthwiseCases,
  {
    name: "separableConv2d 3x3 same",
    inputs: { x: { shape: [2, 5, 5, 2] }, dw: { shape: [3, 3, 2, 2], scale: 0.5 }, pw: { shape: [1, 1, 4, 3], scale: 0.5 } },
    f: (t) => tf.separableConv2d(t.x as T4, t.dw as T4, t.pw as T4, 1, "same"),
  },
  ...poolCases,
  {
    name: "batch norm (training statistics)",
    inputs: { x: { shape: [4, 3, 3, 2] }, gamma: { shape: [2] }, beta: { shape: [2] } },
    f: (t) => {
      const { mean, variance } = tf.moments(t.x, [0, 1, 2]);
      return tf.batchNorm(t.x, mean, variance, t.beta, t.gamma, 1e-3);
    },
  },
  {
    name: "layer norm",
    inputs: { x: { shape: [3, 4, 6] }, g: { shape: [6] }, b: { shape: [6] } },
    f: (t) => layerNorm(t.x, t.g, t.b),
  },
  {
    name: "embedding (gather rows, repeated ids)",
    inputs: { table: { shape: [9, 4] }, ids: { shape: [3, 5], intMax: 9 } },
    f: (t) => tf.gather(t.table, t.ids),
  },
  {
    name: "self-attention (batched matMuls + softmax)",
    inputs: { q: { shape: [2, 5, 4] }, k: { shape: [2, 5, 4] }, v: { shape: [2, 5, 3] } },
    f: (t) => attention(t.q, t.k, t.v, false),
  },
  {
    name: "causal multi-head attention",
    inputs: { q: { shape: [2, 2, 4, 3] }, k: { shape: [2, 2, 4, 3] }, v: { shape: [2, 2, 4, 3] } },
    f: (t) => attention(t.q, t.k, t.v, true),
  },
  {
    name: "softmax cross-entropy",
    inputs: { logits: { shape: [6, 5], scale: 2 }, labels: { shape: [6], intMax: 5 } },
    wrt: ["logits"],
    f: (t) => tf.losses.softmaxCrossEntropy(tf.oneHot(t.labels as tf.Tensor1D, 5), t.logits),
  },
  {
    name: "InfoNCE (contrastive) loss",
    inputs: { a: { shape: [4, 6] }, b: { shape: [4, 6] } },
    f: (t) => {
      const norm = (x: tf.Tensor) => tf.div(x, tf.norm(x, 2, -1, true));
      const logits = tf.div(tf.matMul(norm(t.a), norm(t.b), false, true), 0.2);
      return tf.losses.softmaxCrossEntropy(tf.eye(4), logits);
    },
  },
  { name: "GELU (erf)", inputs: { x: { shape: [4, 6], scale: 2 } }, f: (t) => gelu(t.x) },
  { name: "GELU (tanh approximation)", inputs: { x: { shape: [4, 6], scale: 2 } }, f: (t) => geluTanh(t.x) },
  { name: "ReLU", inputs: { x: { shape: [5, 6], separated: true } }, eps: 1e-3, f: (t) => tf.relu(t.x) },
  { name: "tanh", inputs: { x: { shape: [5, 6], scale: 2 } }, f: (t) => tf.tanh(t.x) },
  { name: "sigmoid", inputs: { x: { shape: [5, 6], scale: 2 } }, f: (t) => tf.sigmoid(t.x) },
  { name: "ELU / leaky ReLU", inputs: { x: { shape: [5, 6], separated: true } }, eps: 1e-3, f: (t) => tf.add(tf.elu(t.x), tf.leakyRelu(t.x, 0.1)) },
  {
    name: "upsampling (nearest, batch 2)",
    inputs: { x: { shape: [2, 3, 4, 2] } },
    f: (t) => tf.image.resizeNearestNeighbor(t.x as T4, [6, 8]),
  },
  {
    name: "upsampling (bilinear, batch 2)",
    inputs: { x: { shape: [2, 3, 3, 2] } },
    f: (t) => tf.image.resizeBilinear(t.x as T4, [5, 6]),
  },
  {
    name: "mean squared error + dropout-free reconstruction",
    inputs: { x: { shape: [4, 8] }, y: { shape: [4, 8] } },
    f: (t) => tf.losses.meanSquaredError(t.y, t.x),
  },
];
