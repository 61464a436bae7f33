/**
 * Hidden: the training check of autoencoder. The sandbox trains the student's encoder and decoder on unlabelled
 * training digits and reconstructs the hidden test digits; the error is computed here, per hidden split.
 */
import { imageItem, type Artifact } from "../engine/artifacts";
import { defineCheck } from "../engine/check";
import { HostTensor } from "../engine/host-values";
import { autoencoderTrainSchema } from "../engine/residual-autoencoder-tasks";
import { getSplit, MNIST_PIXELS } from "../tf/data/mnist";

export const CANARY = "unlabeled-hidden-autoencoder-reconstruction";

const LATENT_DIM = 16;
const EPOCHS = 5;
/**
 * Predicting the mean training image gives 0.067. Measured after this budget: the reference MLP 0.019, a
 * convolutional autoencoder 0.029–0.036, a one-layer MLP 0.031; a decoder that cannot learn stays at 0.23.
 */
export const MAX_MSE = 0.05;

function mse(recon: HostTensor, images: Float32Array, from: number, count: number): number {
  let sum = 0;
  const start = from * MNIST_PIXELS;
  for (let i = start; i < start + count * MNIST_PIXELS; i++) sum += ((recon.data[i] as number) - images[i - start + 0]!) ** 2;
  return sum / (count * MNIST_PIXELS);
}

function grid(recon: HostTensor, images: Float32Array): Artifact {
  const items = [];
  for (let i = 0; i < 8; i++) {
    items.push(imageItem(images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS), [28, 28], { caption: "original" }));
  }
  for (let i = 0; i < 8; i++) {
    const values = (recon.data as Float32Array).subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS);
    items.push(imageItem(values, [28, 28], { caption: "reconstruction" }));
  }
  return { kind: "image-grid", name: "Hidden test digits and their reconstructions", columns: 8, images: items };
}

export const reconstruction = defineCheck({
  id: "reconstruction",
  title: `Reconstructs hidden digits after joint training (latentDim ${LATENT_DIM})`,
  points: 4,
  visibility: "visible",
  limits: { wallSeconds: 150, cpuSeconds: 300, memoryMb: 1536, outputBytes: 16 * 1024 * 1024 },
  dependsOn: ["shapes-and-range", "bottleneck", "parameter-budget"],
  isolate: true,
  task: "autoencoder",
  prepare(ctx) {
    const train = getSplit("train");
    const pub = getSplit("test-public");
    const priv = getSplit("test-private");
    const testX = new Float32Array((pub.count + priv.count) * MNIST_PIXELS);
    testX.set(pub.images, 0);
    testX.set(priv.images, pub.count * MNIST_PIXELS);
    return {
      input: {
        mode: "train" as const,
        latentDim: LATENT_DIM,
        seed: ctx.seed,
        epochs: EPOCHS,
        batchSize: 64,
        learningRate: 0.003,
        trainX: new HostTensor("float32", [train.count, 28, 28, 1], train.images),
        testX: new HostTensor("float32", [pub.count + priv.count, 28, 28, 1], testX),
      },
      hidden: { publicCount: pub.count, privateCount: priv.count, images: testX },
    };
  },
  score(output, hidden) {
    const parsed = autoencoderTrainSchema.safeParse(output);
    const total = hidden.publicCount + hidden.privateCount;
    if (!parsed.success || parsed.data.reconstructions.size !== total * MNIST_PIXELS) {
      return { fraction: 0, feedback: "the decoder did not return one [28, 28, 1] reconstruction per hidden digit" };
    }
    const { reconstructions, losses, seconds } = parsed.data;
    const publicMse = mse(reconstructions, hidden.images.subarray(0, hidden.publicCount * MNIST_PIXELS), 0, hidden.publicCount);
    const privateMse = mse(reconstructions, hidden.images.subarray(hidden.publicCount * MNIST_PIXELS), hidden.publicCount, hidden.privateCount);
    const artifacts: Artifact[] = [
      grid(reconstructions, hidden.images),
      { kind: "curve", name: "Training loss", x_label: "epoch", y_label: "mean squared error", series: [{ name: "train", x: losses.map((_, i) => i + 1), y: losses }] },
    ];
    if (!Number.isFinite(publicMse) || !Number.isFinite(privateMse)) {
      return { fraction: 0, feedback: "the reconstructions contain NaN or infinite values", artifacts };
    }
    const leaderboard = [
      { name: "mse", value: publicMse, order: "asc" as const },
      { name: "mse:private", value: privateMse, order: "asc" as const },
    ];
    const text = `After ${EPOCHS} epochs (${seconds.toFixed(1)} s) the mean squared error on the public hidden digits is ${publicMse.toFixed(4)}`;
    if (publicMse <= MAX_MSE) return { fraction: 1, feedback: `${text} (at most ${MAX_MSE} passes).`, artifacts, leaderboard };
    return {
      fraction: 0,
      feedback: `${text}; it must be at most ${MAX_MSE} (predicting the average digit gives about 0.067). The autoencoder barely learns: check that every layer is trainable and that the decoder can reach 0 and 1.`,
      artifacts,
      leaderboard,
    };
  },
});
