/**
 * `clip-train`: trains a tiny image encoder (an MLP on pixels) and a tiny text encoder (linear on bag-of-words
 * captions) with the submission's clipLoss, then returns the embeddings of the given test images and prompts.
 * The data carries no hidden labels; the trusted side scores the embeddings. Public code: it scores nothing.
 */
import type * as tfType from "@tensorflow/tfjs";
import { HostTensor, RunnerBug, StudentFailure, anyNumber, createRng, defineTask, deriveSeed, describeThrown, hostTensor, permutation, withSeededRandom, z, type TaskContext } from "@unlabeled/sdk/task";

interface RunInput {
  /** [n, h, w, 3] training images and [n, vocab] multi-hot captions, paired by row. */
  images: tfType.Tensor;
  captions: tfType.Tensor;
  /** [m, h, w, 3] images and [p, vocab] prompts to embed after training. */
  testImages: tfType.Tensor;
  prompts: tfType.Tensor;
  embedDim: number;
  hidden: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  temperature: number;
  seed: number;
}

function parseInput(input: unknown, tf: typeof tfType): RunInput {
  const v = input as RunInput;
  const tensors = v && [v.images, v.captions, v.testImages, v.prompts].every((t) => t instanceof tf.Tensor);
  const numbers = v && [v.embedDim, v.hidden, v.epochs, v.batchSize, v.learningRate, v.temperature, v.seed].every(Number.isFinite);
  if (!tensors || !numbers) throw new RunnerBug("clip-train: malformed input");
  return v;
}

async function run(input: unknown, ctx: TaskContext): Promise<unknown> {
  const tf = ctx.tf;
  const cfg = parseInput(input, tf);
  const clipLoss = ctx.exports.clipLoss;
  if (typeof clipLoss !== "function") throw new StudentFailure("runtime", "the submission does not export a function named 'clipLoss'");
  const n = cfg.images.shape[0]!;
  const pixels = cfg.images.size / n;
  const vocab = cfg.captions.shape[1]!;
  const [imageEncoder, textEncoder] = withSeededRandom(deriveSeed(cfg.seed, "clip-build"), () => [
    tf.sequential({ layers: [
      tf.layers.flatten({ inputShape: cfg.images.shape.slice(1) as number[] }),
      tf.layers.dense({ units: cfg.hidden, activation: "relu" }),
      tf.layers.dense({ units: cfg.embedDim }),
    ] }),
    tf.sequential({ layers: [tf.layers.dense({ inputShape: [vocab], units: cfg.embedDim })] }),
  ]);
  const optimizer = tf.train.adam(cfg.learningRate);
  const flatImages = cfg.images.reshape([n, pixels]);
  const losses: number[] = [];
  for (let epoch = 0; epoch < cfg.epochs; epoch++) {
    const order = permutation(n, createRng(deriveSeed(cfg.seed, "clip-shuffle", epoch)));
    let sum = 0;
    let batches = 0;
    for (let b0 = 0; b0 + cfg.batchSize <= n; b0 += cfg.batchSize) {
      const idx = tf.tensor1d(order.subarray(b0, b0 + cfg.batchSize), "int32");
      let loss: number;
      try {
        loss = withSeededRandom(deriveSeed(cfg.seed, "clip-step", epoch, b0), () => tf.tidy(() => {
          const xb = tf.gather(flatImages, idx).reshape([cfg.batchSize, ...cfg.images.shape.slice(1)]);
          const tb = tf.gather(cfg.captions, idx);
          const cost = optimizer.minimize(() => {
            const out = clipLoss(imageEncoder.apply(xb, { training: true }), textEncoder.apply(tb, { training: true }), cfg.temperature);
            if (!(out instanceof tf.Tensor)) throw new StudentFailure("runtime", "clipLoss did not return a tensor");
            return out.reshape([]) as tfType.Scalar;
          }, true);
          return cost ? cost.dataSync()[0]! : NaN;
        }));
      } catch (err) {
        if (err instanceof StudentFailure) throw err;
        const { kind, message } = describeThrown(err, `training with clipLoss failed at epoch ${epoch + 1}`);
        throw new StudentFailure(kind, message);
      } finally {
        idx.dispose();
      }
      sum += loss;
      batches++;
    }
    losses.push(sum / Math.max(1, batches));
    ctx.progress({ phase: "training", epoch: epoch + 1, metrics: { loss: losses[losses.length - 1]! } });
  }
  const imageEmbeddings = tf.tidy(() => imageEncoder.predict(cfg.testImages) as tfType.Tensor);
  const promptEmbeddings = tf.tidy(() => textEncoder.predict(cfg.prompts) as tfType.Tensor);
  optimizer.dispose();
  return { losses, imageEmbeddings, promptEmbeddings };
}

// What the trusted side validates the output with (after decoding: tensors are HostTensors).
export interface ClipTrainInput {
  images: HostTensor;
  captions: HostTensor;
  testImages: HostTensor;
  prompts: HostTensor;
  embedDim: number;
  hidden: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  temperature: number;
  seed: number;
}

export interface ClipTrainOutput {
  /** Mean training loss per epoch. */
  losses: number[];
  imageEmbeddings: HostTensor;
  promptEmbeddings: HostTensor;
}

export const clipTrainOutputSchema: z.ZodType<ClipTrainOutput> = z.strictObject({
  losses: z.array(anyNumber).max(1000),
  imageEmbeddings: hostTensor,
  promptEmbeddings: hostTensor,
});

export default defineTask<ClipTrainInput, ClipTrainOutput>({ name: "clip-train", output: clipTrainOutputSchema, run });
