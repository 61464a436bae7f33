/**
 * Linear probe: a softmax-regression head trained on frozen features (full batch, Adam), the standard measure of
 * how linearly separable a representation makes the classes (SimCLR's evaluation protocol, Chen et al. 2020).
 */
import * as tf from "@tensorflow/tfjs";
import { MNIST_CLASSES, MNIST_SIDE, type MnistData } from "../data/mnist";
import { createRng, deriveSeed } from "../rng";
import { buildSeeded, withSeededRandom } from "../seeded";

/** Features of the encoder for every image, in batches, in inference mode (a host Float32Array, rows × d). */
export function encode(encoder: tf.LayersModel, images: Float32Array, count: number, batch = 500): { data: Float32Array; dim: number } {
  const parts: Float32Array[] = [];
  let dim = 0;
  for (let b0 = 0; b0 < count; b0 += batch) {
    const size = Math.min(batch, count - b0);
    const f = tf.tidy(() => encoder.apply(tf.tensor4d(images.subarray(b0 * 784, (b0 + size) * 784), [size, MNIST_SIDE, MNIST_SIDE, 1]), { training: false }) as tf.Tensor);
    dim = f.shape[1]!;
    parts.push(f.dataSync() as Float32Array);
    f.dispose();
  }
  const data = new Float32Array(count * dim);
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  return { data, dim };
}

export interface ProbeOptions {
  epochs: number;
  learningRate: number;
  seed: number;
}

export const DEFAULT_PROBE: ProbeOptions = { epochs: 300, learningRate: 0.01, seed: 1 };

/** Standardises features with the training set's mean and deviation (the probe's only preprocessing). */
function standardiser(train: Float32Array, dim: number): (x: Float32Array) => Float32Array {
  const n = train.length / dim;
  const mean = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j]! += train[i * dim + j]! / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) sq[j]! += (train[i * dim + j]! - mean[j]!) ** 2 / n;
  const sd = Array.from(sq, (v) => Math.sqrt(v) || 1);
  return (x) => x.map((v, k) => (v - mean[k % dim]!) / sd[k % dim]!);
}

/** Test accuracy of a linear probe trained on (train features, labels). */
export function linearProbe(train: { data: Float32Array; labels: ArrayLike<number> }, test: { data: Float32Array; labels: ArrayLike<number> }, dim: number, opts: ProbeOptions = DEFAULT_PROBE): number {
  const std = standardiser(train.data, dim);
  const nTrain = train.labels.length;
  const nTest = test.labels.length;
  const head = buildSeeded(deriveSeed(opts.seed, "probe"), () => tf.sequential({ layers: [tf.layers.dense({ inputShape: [dim], units: MNIST_CLASSES })] }));
  const optimizer = tf.train.adam(opts.learningRate);
  const x = tf.tensor2d(std(train.data), [nTrain, dim]);
  const y = tf.oneHot(tf.tensor1d(Array.from(train.labels), "int32"), MNIST_CLASSES).toFloat();
  try {
    for (let e = 0; e < opts.epochs; e++) {
      withSeededRandom(deriveSeed(opts.seed, "probe-step", e), () => {
        tf.tidy(() => {
          optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, head.apply(x) as tf.Tensor) as tf.Scalar);
        });
      });
    }
    const pred = tf.tidy(() => tf.argMax(head.apply(tf.tensor2d(std(test.data), [nTest, dim])) as tf.Tensor, -1));
    const p = pred.dataSync();
    pred.dispose();
    let right = 0;
    for (let i = 0; i < nTest; i++) if (p[i] === test.labels[i]) right++;
    return right / nTest;
  } finally {
    tf.dispose([x, y]);
    optimizer.dispose();
    for (const w of head.weights) w.dispose();
  }
}

/** The probe accuracy of an encoder: features of `train` (with labels) and `test`, then linearProbe. */
export function probeEncoder(encoder: tf.LayersModel, train: MnistData, test: MnistData, opts: ProbeOptions = DEFAULT_PROBE): number {
  const a = encode(encoder, train.images, train.count);
  const b = encode(encoder, test.images, test.count);
  return linearProbe({ data: a.data, labels: train.labels }, { data: b.data, labels: test.labels }, a.dim, opts);
}

export { createRng };
