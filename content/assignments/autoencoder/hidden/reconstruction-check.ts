/**
 * Hidden: the training check of autoencoder, in three processes that never share anything but what the trusted
 * side passes on: one trains the encoder and decoder on unlabelled training digits (no test digit is in it) and
 * returns their weights; a fresh one encodes the hidden test digits with the trained encoder; another fresh one,
 * which never sees a test digit, decodes those codes. The error is computed here, per hidden split, so a model
 * can only score by carrying the digits through its latent codes.
 */
import { imageItem, defineCheck, HostTensor, getSplit, MNIST_PIXELS, type Artifact } from "@unlabeled/sdk";
import { autoencoderApplySchema, autoencoderTrainSchema } from "../task";
import autoencoderTask from "../task";

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

interface Hidden {
  publicCount: number;
  privateCount: number;
  images: Float32Array;
  decoderWeights: HostTensor[];
  losses: number[];
  seconds: number;
  /** The run that produced the output score() receives: "train", "encode" or "decode". */
  last: "train" | "encode" | "decode";
}

export const reconstruction = defineCheck({
  id: "reconstruction",
  title: `Reconstructs hidden digits after joint training (latentDim ${LATENT_DIM})`,
  visibility: "visible",
  limits: { wallSeconds: 150, cpuSeconds: 300, memoryMb: 1536, outputBytes: 16 * 1024 * 1024 },
  dependsOn: ["shapes-and-range", "bottleneck", "parameter-budget"],
  isolate: true,
  task: autoencoderTask,
  prepare(ctx) {
    const train = getSplit("train");
    const pub = getSplit("test-public");
    const priv = getSplit("test-private");
    const testX = new Float32Array((pub.count + priv.count) * MNIST_PIXELS);
    testX.set(pub.images, 0);
    testX.set(priv.images, pub.count * MNIST_PIXELS);
    const hidden: Hidden = { publicCount: pub.count, privateCount: priv.count, images: testX, decoderWeights: [], losses: [], seconds: 0, last: "train" };
    return {
      input: { mode: "train" as const, latentDim: LATENT_DIM, seed: ctx.seed, epochs: EPOCHS, batchSize: 64, learningRate: 0.003, trainX: new HostTensor("float32", [train.count, 28, 28, 1], train.images) },
      hidden,
    };
  },
  next(output, hidden, ctx) {
    const total = hidden.publicCount + hidden.privateCount;
    if (hidden.last === "train") {
      const trained = autoencoderTrainSchema.safeParse(output);
      if (!trained.success) return null;
      const { encoderWeights, decoderWeights, losses, seconds } = trained.data;
      return {
        input: { mode: "encode" as const, latentDim: LATENT_DIM, seed: ctx.seed, weights: encoderWeights, x: new HostTensor("float32", [total, 28, 28, 1], hidden.images) },
        hidden: { ...hidden, decoderWeights, losses, seconds, last: "encode" as const },
      };
    }
    if (hidden.last === "encode") {
      const codes = autoencoderApplySchema.safeParse(output);
      if (!codes.success) return null;
      const shape = codes.data.values.shape;
      if (shape.length !== 2 || shape[0] !== total || shape[1] !== LATENT_DIM) return null;
      return { input: { mode: "decode" as const, latentDim: LATENT_DIM, seed: ctx.seed, weights: hidden.decoderWeights, x: codes.data.values }, hidden: { ...hidden, last: "decode" as const } };
    }
    return null;
  },
  score(output, hidden) {
    const total = hidden.publicCount + hidden.privateCount;
    const decoded = hidden.last === "decode" ? autoencoderApplySchema.safeParse(output) : null;
    if (!decoded?.success || decoded.data.values.size !== total * MNIST_PIXELS) {
      const what = hidden.last === "train" ? "the training run returned no weights" : hidden.last === "encode" ? `the trained encoder did not return one code of ${LATENT_DIM} values per hidden digit` : "the decoder did not return one [28, 28, 1] reconstruction per hidden digit";
      return { fraction: 0, feedback: what };
    }
    const reconstructions = decoded.data.values;
    const { losses, seconds } = hidden;
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
