/** Hidden, trusted: the digits the augmentation checks send (images only) and the judge classifier. */
import * as tf from "@tensorflow/tfjs";
import { tensor, createRng, fitSeeded, getSplit, mnistTensors, referenceCnn, selectBackend, softmaxCrossEntropy, stratifiedSubset, MNIST_PIXELS, MNIST_SIDE, type HostTensor, type MnistData } from "@unlabeled/sdk";
import { warpBatch } from "./warp";

export const CANARY = "unlabeled-hidden-augmentation-data";

let backend: Promise<unknown> | null = null;
export async function readyBackend(): Promise<void> {
  backend ??= selectBackend();
  await backend;
}

export function batchOf(data: MnistData, from: number, count: number): HostTensor {
  return tensor(data.images.subarray(from * MNIST_PIXELS, (from + count) * MNIST_PIXELS), [count, MNIST_SIDE, MNIST_SIDE, 1]);
}

/** The experiment's training set: the same stratified 10% of the training split for every student. */
export function smallTrainingSet(): MnistData {
  return stratifiedSubset(getSplit("train"), Math.round(getSplit("train").count * 0.1));
}

let judge: Promise<tf.LayersModel> | null = null;

/** Rotations up to 20°, shifts up to 3 pixels, scaling by up to 15%: what the judge learns to see through. */
export const JUDGE_WARP = { degrees: 20, shift: 3, scale: 0.15 };
const JUDGE_EPOCHS = 3;

/**
 * The reference CNN trained on the whole training split, clean in the first epoch and randomly warped in the
 * others, so that it recognises digits under moderate geometric augmentation; it decides whether augmented
 * digits keep their labels. Trained once per process.
 */
export function judgeModel(): Promise<tf.LayersModel> {
  judge ??= (async () => {
    await readyBackend();
    const split = getSplit("train");
    const data = mnistTensors(split);
    const model = referenceCnn(7001);
    const optimizer = tf.train.adam(3e-3);
    try {
      for (let e = 0; e < JUDGE_EPOCHS; e++) {
        const x = e === 0 ? data.x : tf.tensor(warpBatch(split.images, split.count, createRng(7001 + e), JUDGE_WARP), data.x.shape, "float32");
        await fitSeeded(model, { x, y: data.y }, { seed: 7001 * 100 + e, epochs: 1, batchSize: 64, loss: softmaxCrossEntropy, optimizer });
        if (x !== data.x) x.dispose();
      }
    } finally {
      data.x.dispose();
      data.y.dispose();
      optimizer.dispose();
    }
    return model;
  })().catch((err: unknown) => {
    judge = null;
    throw err;
  });
  return judge;
}

/** Share of images (host tensor [n, 28, 28, 1]) the model classifies as `labels`. */
export function accuracyOf(model: tf.LayersModel, images: HostTensor, labels: ArrayLike<number>): number {
  return tf.tidy(() => {
    const x = tf.tensor(images.data as Float32Array, images.shape as number[], "float32");
    const predicted = (model.predict(x) as tf.Tensor).argMax(-1).dataSync();
    let hits = 0;
    for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) hits++;
    return hits / labels.length;
  });
}
