import type { LayersModel, Tensor, Tensor2D } from "@tensorflow/tfjs";
import { DIGITS, rasterizeDigit, SIZE } from "./digit-strokes";
import type { Tf } from "./load-tf";
import { mulberry32 } from "./seeded-random";

/** Where the course ships its pretrained MNIST encoder: input [n, 28, 28, 1] in [0, 1], output [n, d] features. */
export const BACKBONE_URL = "/course-models/mnist-backbone/model.json";

export interface DigitSet {
  images: number[][];
  labels: number[];
}

/**
 * `perClass` drawings of each of the course's stroke digits, each moved by up to two pixels and drawn with a
 * slightly different pen: a small stand-in for handwritten digits (labels index into DIGITS).
 */
export function jitteredDigits(perClass: number, seed: number): DigitSet {
  const rand = mulberry32(seed);
  const images: number[][] = [];
  const labels: number[] = [];
  for (let k = 0; k < perClass; k++) {
    DIGITS.forEach((digit, label) => {
      images.push(rasterizeDigit(digit, { dx: 4 * rand() - 2, dy: 4 * rand() - 2, width: 0.8 + 0.5 * rand() }));
      labels.push(label);
    });
  }
  return { images, labels };
}

/** Load the backbone; a failure becomes one sentence a student can act on. */
export async function loadBackbone(tf: Tf, url = BACKBONE_URL, fetchFunc?: typeof fetch): Promise<LayersModel> {
  try {
    return await tf.loadLayersModel(url, fetchFunc ? { fetchFunc } : undefined);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `The pretrained encoder could not be loaded from ${url} (${reason}). The comparison needs it; the rest of the lesson works without it.`,
    );
  }
}

/**
 * Weights for a randomly initialised copy of a model: He-normal kernels (standard deviation √(2 / fan-in), fan-in
 * the product of all dimensions but the last), zero biases and other vectors, ones for scales named gamma or
 * variance. The copy has the same architecture and no pretraining.
 */
export function randomWeightsLike(tf: Tf, model: LayersModel, seed: number): Tensor[] {
  return model.weights.map((w, i) => {
    const shape = w.shape as number[];
    if (shape.length <= 1) return /gamma|variance/.test(w.name) ? tf.ones(shape) : tf.zeros(shape);
    const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    return tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), "float32", seed + i);
  });
}

/** Features of 28×28 images from an encoder, in batches, flattened to [n, d]. */
export function encodeImages(tf: Tf, encoder: LayersModel, images: number[][]): Tensor2D {
  return tf.tidy(() => {
    const x = tf.tensor4d(images.flat(), [images.length, SIZE, SIZE, 1]);
    const y = encoder.predict(x, { batchSize: 64 }) as Tensor;
    return y.reshape([images.length, -1]) as Tensor2D;
  });
}

/**
 * A linear probe: standardise the features with the training set's statistics, then fit softmax regression by
 * full-batch gradient descent. The encoder is not touched. Returns test accuracy.
 */
export async function linearProbe(
  tf: Tf,
  train: { features: Tensor2D; labels: number[] },
  test: { features: Tensor2D; labels: number[] },
  o: { classes: number; epochs: number; learningRate: number; seed: number },
): Promise<number> {
  const d = train.features.shape[1];
  const [xTrain, xTest, yTrain] = tf.tidy(() => {
    const { mean, variance } = tf.moments(train.features, 0);
    const std = variance.sqrt().add(1e-6);
    return [
      train.features.sub(mean).div(std) as Tensor2D,
      test.features.sub(mean).div(std) as Tensor2D,
      tf.oneHot(tf.tensor1d(train.labels, "int32"), o.classes),
    ];
  });
  // Variables made inside tidy, so their initial values are not left behind.
  const w = tf.tidy(() => tf.variable(tf.randomNormal([d, o.classes], 0, 0.01, "float32", o.seed)));
  const b = tf.tidy(() => tf.variable(tf.zeros([o.classes])));
  // Plain gradient descent: the loss is convex in (w, b), and TF.js's Adam keeps a tensor after dispose().
  const optimizer = tf.train.sgd(o.learningRate);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(yTrain, xTrain.matMul(w).add(b)), true);
    loss?.dispose();
    if (epoch % 25 === 24) await tf.nextFrame(); // let the page repaint
  }
  const accuracy = tf.tidy(
    () =>
      xTest.matMul(w).add(b).argMax(1).equal(tf.tensor1d(test.labels, "int32")).cast("float32").mean().dataSync()[0]!,
  );
  tf.dispose([xTrain, xTest, yTrain, w, b]);
  optimizer.dispose();
  return accuracy;
}

export interface ProbeComparison {
  labels: number;
  pretrained: number;
  scratch: number;
}

/**
 * The demo's experiment: `labelled` training digits (spread over the classes), a fixed test set, and the same
 * linear probe on the pretrained encoder and on a randomly initialised copy of it.
 */
export async function compareProbes(
  tf: Tf,
  pretrained: LayersModel,
  scratch: LayersModel,
  o: { labelled: number; testPerClass: number; seed: number; epochs?: number },
): Promise<ProbeComparison> {
  const perClass = Math.max(1, Math.round(o.labelled / DIGITS.length));
  const train = jitteredDigits(perClass, o.seed);
  const test = jitteredDigits(o.testPerClass, o.seed + 1000);
  const settings = { classes: DIGITS.length, epochs: o.epochs ?? 150, learningRate: 0.5, seed: o.seed };
  const run = async (encoder: LayersModel) => {
    const fTrain = encodeImages(tf, encoder, train.images);
    const fTest = encodeImages(tf, encoder, test.images);
    try {
      return await linearProbe(
        tf,
        { features: fTrain, labels: train.labels },
        { features: fTest, labels: test.labels },
        settings,
      );
    } finally {
      tf.dispose([fTrain, fTest]);
    }
  };
  return { labels: train.labels.length, pretrained: await run(pretrained), scratch: await run(scratch) };
}
