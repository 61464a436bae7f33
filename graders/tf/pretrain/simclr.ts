/**
 * Self-supervised pretraining of the course backbone, two methods measured against each other by linear probe:
 * SimCLR (Chen, Kornblith, Norouzi and Hinton 2020: two random views per image, a projection head, the NT-Xent
 * loss) and rotation prediction over all four rotations of every image (Gidaris, Singh and Komodakis 2018).
 * Trusted platform code; the loss here is the platform's own, not a student's.
 */
import * as tf from "@tensorflow/tfjs";
import { MNIST_PIXELS, MNIST_SIDE } from "../data/mnist";
import { createRng, deriveSeed, permutation } from "../rng";
import { buildSeeded, withSeededRandom } from "../seeded";
import { DEFAULT_VIEWS, fourRotations, randomViews } from "./views";

/** NT-Xent over 2N rows [z1; z2]: cosine similarities / τ, self-similarity masked, positive = the other view. */
export function ntXent(z1: tf.Tensor2D, z2: tf.Tensor2D, temperature: number): tf.Scalar {
  return tf.tidy(() => {
    const n = z1.shape[0];
    const z = tf.concat([z1, z2], 0);
    const u = tf.div(z, tf.norm(z, "euclidean", 1, true).add(1e-12));
    const logits = tf.matMul(u, u, false, true).div(temperature).sub(tf.eye(2 * n).mul(1e9));
    const targets = tf.concat([tf.concat([tf.zeros([n, n]), tf.eye(n)], 1), tf.concat([tf.eye(n), tf.zeros([n, n])], 1)], 0);
    return tf.losses.softmaxCrossEntropy(targets, logits) as tf.Scalar;
  });
}

export interface PretrainOptions {
  method: "simclr" | "rotation";
  epochs: number;
  batchSize: number;
  learningRate: number;
  temperature: number;
  seed: number;
  onEpoch?: (epoch: number, loss: number) => void;
}

export const DEFAULT_PRETRAIN: Omit<PretrainOptions, "method"> = { epochs: 30, batchSize: 256, learningRate: 2e-3, temperature: 0.2, seed: 1 };

/** Trains `encoder` in place without labels on `images` (count × 784); returns the mean loss per epoch. */
export async function pretrain(encoder: tf.LayersModel, images: Float32Array, count: number, opts: PretrainOptions): Promise<number[]> {
  const features = encoder.outputs[0]!.shape[1] as number;
  const units = opts.method === "simclr" ? 32 : 4;
  const head = buildSeeded(deriveSeed(opts.seed, "head", opts.method), () => tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [features], units: 64, activation: "relu" }),
    tf.layers.dense({ units }),
  ] }));
  const optimizer = tf.train.adam(opts.learningRate);
  const variables = [...encoder.trainableWeights, ...head.trainableWeights].map((w) => w.read() as tf.Variable);
  const rotations = opts.method === "rotation" ? fourRotations(images, count) : null;
  const total = rotations ? count * 4 : count;
  const losses: number[] = [];
  try {
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      const order = permutation(total, createRng(deriveSeed(opts.seed, "order", epoch)));
      const viewRng = createRng(deriveSeed(opts.seed, "views", epoch));
      let sum = 0;
      let steps = 0;
      for (let b0 = 0; b0 + opts.batchSize <= total; b0 += opts.batchSize) {
        const idx = order.subarray(b0, b0 + opts.batchSize);
        const b = idx.length;
        const loss = withSeededRandom(deriveSeed(opts.seed, "step", epoch, b0), () => tf.tidy(() => {
          const cost = optimizer.minimize(() => {
            if (rotations) {
              const x = new Float32Array(b * MNIST_PIXELS);
              idx.forEach((src, i) => x.set(rotations.images.subarray(src * MNIST_PIXELS, (src + 1) * MNIST_PIXELS), i * MNIST_PIXELS));
              const y = tf.oneHot(tf.tensor1d(Array.from(idx, (i) => rotations.labels[i]!), "int32"), 4).toFloat();
              const logits = head.apply(encoder.apply(tf.tensor4d(x, [b, MNIST_SIDE, MNIST_SIDE, 1]), { training: true })) as tf.Tensor;
              return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
            }
            const v1 = tf.tensor4d(randomViews(images, idx, viewRng, DEFAULT_VIEWS), [b, MNIST_SIDE, MNIST_SIDE, 1]);
            const v2 = tf.tensor4d(randomViews(images, idx, viewRng, DEFAULT_VIEWS), [b, MNIST_SIDE, MNIST_SIDE, 1]);
            const z = head.apply(encoder.apply(tf.concat([v1, v2], 0), { training: true })) as tf.Tensor2D;
            return ntXent(z.slice([0, 0], [b, -1]), z.slice([b, 0], [b, -1]), opts.temperature);
          }, true, variables);
          return cost ? cost.dataSync()[0]! : NaN;
        }));
        if (!Number.isFinite(loss)) throw new Error(`pretrain: the loss became ${loss} at epoch ${epoch + 1}`);
        sum += loss;
        steps++;
      }
      losses.push(sum / Math.max(1, steps));
      opts.onEpoch?.(epoch + 1, losses[losses.length - 1]!);
      await new Promise((r) => setImmediate(r));
    }
    return losses;
  } finally {
    optimizer.dispose();
    for (const w of head.weights) w.dispose();
  }
}
