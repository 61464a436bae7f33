/** Reference models shared by the benchmark, the tests and graders that need a baseline. */
import * as tf from "@tensorflow/tfjs";
import { MNIST_CLASSES, MNIST_PIXELS, MNIST_SIDE, type MnistData } from "./data/mnist";
import { buildSeeded, type Dataset, type LossFn } from "./seeded";

/** conv(8, 3×3) → max-pool 2 → conv(16, 3×3) → max-pool 2 → dense(10); outputs logits. */
export function referenceCnn(seed: number): tf.LayersModel {
  return buildSeeded(seed, () =>
    tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [MNIST_SIDE, MNIST_SIDE, 1], filters: 8, kernelSize: 3, activation: "relu" }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: "relu" }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: MNIST_CLASSES }),
      ],
    }),
  );
}

/** 784 → 128 → 64 → 10 with ReLU; outputs logits. */
export function referenceMlp(seed: number): tf.LayersModel {
  return buildSeeded(seed, () =>
    tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [MNIST_PIXELS], units: 128, activation: "relu" }),
        tf.layers.dense({ units: 64, activation: "relu" }),
        tf.layers.dense({ units: MNIST_CLASSES }),
      ],
    }),
  );
}

/** Softmax cross-entropy on logits against one-hot targets. */
export const softmaxCrossEntropy: LossFn = (yTrue, logits) => tf.losses.softmaxCrossEntropy(yTrue, logits) as tf.Scalar;

/** MNIST examples as tensors: images [n, 28, 28, 1] (or [n, 784] when flat) and one-hot labels [n, 10]. */
export function mnistTensors(data: MnistData, opts: { flat?: boolean } = {}): Dataset {
  const shape: number[] = opts.flat ? [data.count, MNIST_PIXELS] : [data.count, MNIST_SIDE, MNIST_SIDE, 1];
  return tf.tidy(() => ({
    x: tf.tensor(data.images, shape, "float32"),
    y: tf.oneHot(tf.tensor1d(data.labels, "int32"), MNIST_CLASSES).toFloat(),
  }));
}
