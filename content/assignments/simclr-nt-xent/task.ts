/**
 * `simclr-train`: contrastive pretraining of a small MLP encoder with the submission's ntXentLoss. Each step draws
 * a batch of unlabelled digits, makes two augmented views of each (a random shift of up to `maxShift` pixels and
 * Gaussian pixel noise, from a generator seeded by the check), and minimises ntXentLoss on the projections of the
 * two views. Returns the representations of `embedImages` after training. The encoder starts from the weights the
 * check sends, so the trusted side knows the untrained encoder exactly. No labels enter this task; it scores nothing.
 */
import type * as tfType from "@tensorflow/tfjs";
import { HostTensor, RunnerBug, StudentFailure, anyNumber, createRng, defineTask, describeThrown, deriveSeed, hostTensor, normal, permutation, z, type TaskContext } from "@unlabeled/sdk/task";

/** The weights, in order: encoder w1 [784, hidden], b1, w2 [hidden, rep], b2; projection head w3 [rep, proj], b3. */
export const WEIGHT_NAMES = ["w1", "b1", "w2", "b2", "w3", "b3"] as const;

interface RunInput {
  /** [n, side * side] unlabelled training digits in [0, 1]. */
  images: tfType.Tensor2D;
  /** [m, side * side] digits to represent after training. */
  embedImages: tfType.Tensor2D;
  weights: tfType.Tensor[];
  side: number;
  maxShift: number;
  noise: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  temperature: number;
  seed: number;
}

function parseInput(input: unknown, tf: typeof tfType): RunInput {
  const v = input as RunInput;
  const tensors = v && [v.images, v.embedImages].every((t) => t instanceof tf.Tensor) && Array.isArray(v.weights) && v.weights.length === WEIGHT_NAMES.length && v.weights.every((t) => t instanceof tf.Tensor);
  const numbers = v && [v.side, v.maxShift, v.noise, v.epochs, v.batchSize, v.learningRate, v.temperature, v.seed].every(Number.isFinite);
  if (!tensors || !numbers) throw new RunnerBug("simclr-train: malformed input");
  return v;
}

/** Two views of each image in `batch`: shifted by (dy, dx) with zeros filled in, plus noise, clipped to [0, 1]. */
export function augmentedViews(pixels: Float32Array, batch: ArrayLike<number>, side: number, maxShift: number, noise: number, rng: () => number): Float32Array {
  const per = side * side;
  const gauss = normal(rng);
  const out = new Float32Array(2 * batch.length * per);
  for (let view = 0; view < 2; view++) {
    for (let b = 0; b < batch.length; b++) {
      const src = batch[b]! * per;
      const dst = (view * batch.length + b) * per;
      const dy = Math.floor(rng() * (2 * maxShift + 1)) - maxShift;
      const dx = Math.floor(rng() * (2 * maxShift + 1)) - maxShift;
      for (let r = 0; r < side; r++) {
        for (let c = 0; c < side; c++) {
          const sr = r - dy;
          const sc = c - dx;
          const v = sr >= 0 && sr < side && sc >= 0 && sc < side ? pixels[src + sr * side + sc]! : 0;
          out[dst + r * side + c] = Math.min(1, Math.max(0, v + noise * gauss()));
        }
      }
    }
  }
  return out;
}

/** The encoder's representation h = relu(x w1 + b1) w2 + b2. */
function represent(tf: typeof tfType, w: tfType.Variable[], x: tfType.Tensor): tfType.Tensor2D {
  return tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x as tfType.Tensor2D, w[0] as tfType.Tensor2D), w[1]!)), w[2] as tfType.Tensor2D), w[3]!);
}

async function run(input: unknown, ctx: TaskContext): Promise<unknown> {
  const tf = ctx.tf;
  const cfg = parseInput(input, tf);
  const ntXentLoss = ctx.exports.ntXentLoss;
  if (typeof ntXentLoss !== "function") throw new StudentFailure("runtime", "the submission does not export a function named 'ntXentLoss'");
  const n = cfg.images.shape[0];
  const pixels = cfg.images.dataSync() as Float32Array;
  const w = cfg.weights.map((t, i) => tf.variable(t, true, `simclr-${WEIGHT_NAMES[i]}`));
  const optimizer = tf.train.adam(cfg.learningRate);
  const losses: number[] = [];
  try {
    for (let epoch = 0; epoch < cfg.epochs; epoch++) {
      const order = permutation(n, createRng(deriveSeed(cfg.seed, "simclr-shuffle", epoch)));
      let sum = 0;
      let batches = 0;
      for (let b0 = 0; b0 + cfg.batchSize <= n; b0 += cfg.batchSize) {
        const batch = order.subarray(b0, b0 + cfg.batchSize);
        const views = augmentedViews(pixels, batch, cfg.side, cfg.maxShift, cfg.noise, createRng(deriveSeed(cfg.seed, "simclr-views", epoch, b0)));
        let loss: number;
        try {
          loss = tf.tidy(() => {
            const x = tf.tensor2d(views, [2 * cfg.batchSize, cfg.side * cfg.side]);
            const cost = optimizer.minimize(() => {
              const h = represent(tf, w, x);
              const proj = tf.add(tf.matMul(tf.relu(h), w[4] as tfType.Tensor2D), w[5]!);
              const [z1, z2] = tf.split(proj, 2, 0) as [tfType.Tensor2D, tfType.Tensor2D];
              const out = ntXentLoss(z1, z2, cfg.temperature);
              if (!(out instanceof tf.Tensor)) throw new StudentFailure("runtime", "ntXentLoss did not return a tensor");
              return out.reshape([]) as tfType.Scalar;
            }, true, w);
            return cost ? cost.dataSync()[0]! : NaN;
          });
        } catch (err) {
          if (err instanceof StudentFailure) throw err;
          const { kind, message } = describeThrown(err, `training with ntXentLoss failed at epoch ${epoch + 1}`);
          throw new StudentFailure(kind, message);
        }
        sum += loss;
        batches++;
      }
      losses.push(sum / Math.max(1, batches));
      ctx.progress({ phase: "training", epoch: epoch + 1, metrics: { loss: losses[losses.length - 1]! } });
    }
    const representations = tf.tidy(() => represent(tf, w, cfg.embedImages));
    return { losses, representations };
  } finally {
    optimizer.dispose();
    tf.dispose(w);
  }
}

// What the trusted side validates the output with (after decoding: tensors are HostTensors).
export interface SimclrTrainInput {
  images: HostTensor;
  embedImages: HostTensor;
  weights: HostTensor[];
  side: number;
  maxShift: number;
  noise: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  temperature: number;
  seed: number;
}

export interface SimclrTrainOutput {
  /** Mean training loss per epoch. */
  losses: number[];
  /** [m, rep] encoder representations of embedImages (before the projection head). */
  representations: HostTensor;
}

export const simclrTrainOutputSchema: z.ZodType<SimclrTrainOutput> = z.strictObject({
  losses: z.array(anyNumber).max(1000),
  representations: hostTensor,
});

export default defineTask<SimclrTrainInput, SimclrTrainOutput>({ name: "simclr-train", output: simclrTrainOutputSchema, run });
