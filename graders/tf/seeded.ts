/**
 * Reproducible training owned by the grader. TF.js draws every unseeded random number (weight initialisers,
 * dropout masks, model.fit's shuffle) from Math.random; here each synchronous step runs with Math.random
 * replaced by a generator derived from (seed, epoch, step), and the grader shuffles with its own generator.
 * The same submission, seed and backend then give bitwise-identical metrics.
 */
import * as tf from "@tensorflow/tfjs";
import { activeBackend, type ActiveBackend } from "./backend";
import { useRandomSource } from "./random-source";
import { createRng, deriveSeed, permutation } from "./rng";

export { createRng, deriveSeed, normal, permutation, randomInt, shuffleInPlace } from "./rng";

let seededDepth = 0;

/**
 * Runs a synchronous function with Math.random drawn from a seeded generator, then restores it. Async functions
 * are refused: other code would draw from the stream between awaits, in an order that depends on timing.
 */
export function withSeededRandom<T>(seed: number, fn: () => T): T {
  if (seededDepth > 0) return fn();
  const restore = useRandomSource(createRng(seed));
  seededDepth++;
  try {
    const result = fn();
    if (result && typeof (result as { then?: unknown }).then === "function") {
      throw new Error("withSeededRandom needs a synchronous function; await outside it");
    }
    return result;
  } finally {
    seededDepth--;
    restore();
  }
}

/** The generator handed to student code: a separate stream, so student draws cannot shift the grader's. */
export function studentRng(seed: number): () => number {
  return createRng(deriveSeed(seed, "student"));
}

export type SeededInitializerName = "glorotUniform" | "glorotNormal" | "heNormal" | "heUniform" | "leCunNormal" | "randomNormal" | "orthogonal";

/** A TF.js initializer with an explicit seed, for models the grader builds itself. */
export function seededInitializer(name: SeededInitializerName, seed: number): ReturnType<typeof tf.initializers.glorotUniform> {
  // TF.js treats seed 0 as "unseeded", so seeds are shifted into [1, 2^31).
  const s = (deriveSeed(seed, "init", name) % 0x7ffffffe) + 1;
  switch (name) {
    case "randomNormal":
      return tf.initializers.randomNormal({ mean: 0, stddev: 0.05, seed: s });
    case "orthogonal":
      return tf.initializers.orthogonal({ seed: s, gain: 1 });
    default:
      return tf.initializers[name]({ seed: s });
  }
}

/** Builds a model (or anything) with every unseeded initialiser drawing from `seed`. */
export function buildSeeded<T>(seed: number, build: () => T): T {
  return withSeededRandom(deriveSeed(seed, "build"), build);
}

export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

export interface Dataset {
  /** Examples along the first axis. */
  x: tf.Tensor;
  y: tf.Tensor;
}

export interface FitSeededOptions {
  seed: number;
  epochs: number;
  batchSize: number;
  loss: LossFn;
  optimizer?: tf.Optimizer;
  validation?: Dataset;
  /** Also report the accuracy of argmax(prediction) against argmax(one-hot target). */
  accuracy?: boolean;
  /** Stop after this many steps in total (for benchmarks and smoke tests). */
  maxSteps?: number;
  onEpochEnd?: (log: EpochLog) => void | Promise<void>;
}

export interface Metrics {
  loss: number;
  accuracy?: number;
}

export interface EpochLog {
  epoch: number;
  /** Mean training loss over the epoch's batches. */
  loss: number;
  validation?: Metrics;
}

export interface FitSeededResult {
  backend: ActiveBackend;
  seed: number;
  steps: number;
  samples: number;
  seconds: number;
  epochs: EpochLog[];
}

function currentBackend(): ActiveBackend {
  const active = activeBackend();
  if (active) return active;
  const name = tf.getBackend();
  // Not chosen through selectBackend(): record the bare TF.js backend so results still say what ran.
  return { name: name === "tensorflow" || name === "wasm" ? name : "cpu", detail: `${name} (stock)` };
}

/**
 * Mini-batches assembled from a host copy of the data: copying rows in JS is much cheaper than a gather kernel
 * on the whole data set (wasm's GatherV2 took ~2.7 ms per batch of 64 digits).
 */
function rowSource(t: tf.Tensor): { batch(indices: Int32Array): tf.Tensor } {
  const values = t.dataSync();
  const row = t.shape.slice(1).reduce((a, b) => a * b, 1);
  return {
    batch(indices) {
      const out = t.dtype === "int32" ? new Int32Array(indices.length * row) : new Float32Array(indices.length * row);
      indices.forEach((src, i) => out.set(values.subarray(src * row, (src + 1) * row), i * row));
      return tf.tensor(out, [indices.length, ...t.shape.slice(1)], t.dtype);
    },
  };
}

/** Seeded mini-batch training with the grader's own shuffle; the model's weights change in place. */
export async function fitSeeded(model: tf.LayersModel, data: Dataset, opts: FitSeededOptions): Promise<FitSeededResult> {
  const n = data.x.shape[0];
  if (n !== data.y.shape[0]) throw new Error(`fitSeeded: x has ${n} examples but y has ${data.y.shape[0]}`);
  if (!Number.isInteger(opts.batchSize) || opts.batchSize < 1) throw new Error("fitSeeded: batchSize must be a positive integer");
  if (!Number.isInteger(opts.epochs) || opts.epochs < 0) throw new Error("fitSeeded: epochs must be a non-negative integer");
  const optimizer = opts.optimizer ?? tf.train.adam(1e-3);
  const x = rowSource(data.x);
  const y = rowSource(data.y);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const epochs: EpochLog[] = [];
  const start = performance.now();
  let steps = 0;
  let samples = 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const order = permutation(n, createRng(deriveSeed(opts.seed, "shuffle", epoch)));
    let lossSum = 0;
    let batches = 0;
    for (let b0 = 0; b0 < n; b0 += opts.batchSize) {
      if (opts.maxSteps !== undefined && steps >= opts.maxSteps) break;
      const idx = order.subarray(b0, Math.min(n, b0 + opts.batchSize));
      const loss = withSeededRandom(deriveSeed(opts.seed, "step", epoch, b0), () =>
        tf.tidy(() => {
          const xb = x.batch(idx);
          const yb = y.batch(idx);
          const cost = optimizer.minimize(() => opts.loss(yb, model.apply(xb, { training: true }) as tf.Tensor), true, variables);
          if (!cost) throw new Error("fitSeeded: the optimizer returned no loss");
          return cost.dataSync()[0];
        }),
      );
      if (!Number.isFinite(loss)) throw new Error(`fitSeeded: loss became ${loss} at epoch ${epoch}, batch ${batches}`);
      lossSum += loss;
      batches++;
      steps++;
      samples += idx.length;
    }
    const log: EpochLog = { epoch, loss: batches > 0 ? lossSum / batches : NaN };
    if (opts.validation) log.validation = evaluateSeeded(model, opts.validation, { ...opts, seed: opts.seed });
    epochs.push(log);
    await opts.onEpochEnd?.(log);
    if (opts.maxSteps !== undefined && steps >= opts.maxSteps) break;
  }
  return { backend: currentBackend(), seed: opts.seed, steps, samples, seconds: (performance.now() - start) / 1000, epochs };
}

/** Loss (mean over examples) and optional accuracy in inference mode, in batches, summed in float64. */
export function evaluateSeeded(
  model: tf.LayersModel,
  data: Dataset,
  opts: { loss: LossFn; batchSize?: number; accuracy?: boolean; seed?: number },
): Metrics {
  const n = data.x.shape[0];
  const batchSize = opts.batchSize ?? 256;
  let lossSum = 0;
  let correct = 0;
  for (let b0 = 0; b0 < n; b0 += batchSize) {
    const size = Math.min(batchSize, n - b0);
    const [loss, hits] = withSeededRandom(deriveSeed(opts.seed ?? 0, "eval", b0), () =>
      tf.tidy(() => {
        const xb = data.x.slice(b0, size);
        const yb = data.y.slice(b0, size);
        const pred = model.apply(xb, { training: false }) as tf.Tensor;
        const l = opts.loss(yb, pred).dataSync()[0] * size;
        const h = opts.accuracy ? tf.sum(tf.cast(tf.equal(tf.argMax(pred, -1), tf.argMax(yb, -1)), "int32")).dataSync()[0] : 0;
        return [l, h] as const;
      }),
    );
    lossSum += loss;
    correct += hits;
  }
  return opts.accuracy ? { loss: lossSum / n, accuracy: correct / n } : { loss: lossSum / n };
}
