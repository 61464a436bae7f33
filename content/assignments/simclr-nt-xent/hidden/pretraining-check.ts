/**
 * Hidden: the pretraining check of simclr-nt-xent. A small MLP encoder is trained in the sandbox with the student's
 * ntXentLoss on two augmented views of unlabelled training digits and returns the representations of probe digits;
 * the trusted side fits a linear probe on labelled digits and compares its held-out accuracy with the same probe on
 * the untrained encoder (same architecture, the very same initial weights, which the check draws and sends).
 */
import { defineCheck, tensor, getSplit, createRng, deriveSeed, permutation, MNIST_PIXELS, MNIST_SIDE, type Artifact, type CheckScore, type MnistSplitName } from "@unlabeled/sdk";
import simclrTrainTask from "../task";
import { initialWeights, linearProbe, represent, type EncoderShape } from "./probe";

export const CANARY = "unlabeled-hidden-simclr-nt-xent-pretraining-check";

export const ENCODER: EncoderShape = { pixels: MNIST_PIXELS, hidden: 128, rep: 32, proj: 32 };
/** pool: unlabelled pretraining digits; probeTrain: labelled digits the probe is fitted on; probeTest: held-out digits. */
export const DESIGN = { pool: 2000, probeTrain: 1000, probeTest: 1000 };
export const TRAIN = { maxShift: 2, noise: 0.3, epochs: 10, batchSize: 128, learningRate: 2e-3, temperature: 0.2 };
/**
 * Needed: probe accuracy of the trained encoder minus that of the untrained one (a fraction). Measured with the
 * reference solution through the grader, grading seeds 0–39: trained 82.2–89.1% (mean 85.5%), untrained 65.9–73.7%
 * (mean 70.0%), gain 10.9–21.6 points (mean 15.5, sd 2.0). 5 points is 5 standard deviations below the mean gain
 * and 5.9 points below the smallest one measured; correct-alternative on seeds 0–4 gained within a point of the
 * reference.
 */
export const MARGIN = 0.05;

const TEST_SPLITS: readonly MnistSplitName[] = ["test-public", "test-private"];

/** `count` digits drawn without replacement from the named splits (images, labels). */
function draw(names: readonly MnistSplitName[], seed: number, offset: number, count: number): { images: Float32Array; labels: Uint8Array } {
  const splits = names.map((n) => getSplit(n));
  const total = splits.reduce((a, s) => a + s.count, 0);
  const order = permutation(total, createRng(seed)).subarray(offset, offset + count);
  const images = new Float32Array(count * MNIST_PIXELS);
  const labels = new Uint8Array(count);
  order.forEach((global, i) => {
    let at = global;
    const split = splits.find((s) => (at < s.count ? true : ((at -= s.count), false)))!;
    images.set(split.images.subarray(at * MNIST_PIXELS, (at + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    labels[i] = split.labels[at]!;
  });
  return { images, labels };
}

export interface PretrainingData {
  pool: Float32Array;
  probeImages: Float32Array;
  trainLabels: Uint8Array;
  testLabels: Uint8Array;
}

/** Pretraining pool and probe-training digits from train (disjoint), probe-test digits from the test splits. */
export function pretrainingData(seed: number, design = DESIGN): PretrainingData {
  const pool = draw(["train"], deriveSeed(seed, "train-order"), 0, design.pool);
  const probeTrain = draw(["train"], deriveSeed(seed, "train-order"), design.pool, design.probeTrain);
  const probeTest = draw(TEST_SPLITS, deriveSeed(seed, "test-order"), 0, design.probeTest);
  const probeImages = new Float32Array((design.probeTrain + design.probeTest) * MNIST_PIXELS);
  probeImages.set(probeTrain.images, 0);
  probeImages.set(probeTest.images, probeTrain.images.length);
  return { pool: pool.images, probeImages, trainLabels: probeTrain.labels, testLabels: probeTest.labels };
}

/** Probe accuracies of the trained representations and of the untrained encoder's. */
export function probeBoth(trained: ArrayLike<number>, data: PretrainingData, weightsSeed: number): { trained: number; random: number } {
  const count = data.trainLabels.length + data.testLabels.length;
  const untrained = represent(initialWeights(weightsSeed, ENCODER), data.probeImages, count);
  const probe = (features: ArrayLike<number>) => linearProbe({ features, dim: ENCODER.rep, trainLabels: data.trainLabels, testLabels: data.testLabels });
  return { trained: probe(trained), random: probe(untrained) };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const points = (v: number) => `${(100 * v).toFixed(1)} points`;

export const pretrainingCheck = defineCheck({
  id: "pretraining",
  title: "Contrastive pretraining with your loss beats an untrained encoder under a linear probe",
  visibility: "visible",
  limits: { wallSeconds: 40, cpuSeconds: 60, memoryMb: 768, outputBytes: 4 * 1024 * 1024 },
  dependsOn: ["matches-reference", "gradients"],
  isolate: true,
  task: simclrTrainTask,
  prepare: (ctx) => {
    const data = pretrainingData(ctx.seed);
    const weightsSeed = deriveSeed(ctx.seed, "encoder");
    const count = data.trainLabels.length + data.testLabels.length;
    return {
      input: {
        images: tensor(data.pool, [DESIGN.pool, MNIST_PIXELS]),
        embedImages: tensor(data.probeImages, [count, MNIST_PIXELS]),
        weights: initialWeights(weightsSeed, ENCODER),
        side: MNIST_SIDE,
        ...TRAIN,
        seed: deriveSeed(ctx.seed, "train"),
      },
      hidden: { data, weightsSeed },
    };
  },
  score: (output, { data, weightsSeed }): CheckScore => {
    const { representations: reps, losses } = output;
    const count = data.trainLabels.length + data.testLabels.length;
    if (reps.shape.length !== 2 || reps.shape[0] !== count || reps.shape[1] !== ENCODER.rep) return { fraction: 0, feedback: "the training run returned representations of the wrong shape" };
    const curve: Artifact = { kind: "curve", name: "Training loss", x_label: "epoch", y_label: "ntXentLoss", series: [{ name: "train", x: losses.map((_, i) => i + 1), y: losses }] };
    if (!losses.every(Number.isFinite) || !(reps.data as Float32Array).every(Number.isFinite)) return { fraction: 0, feedback: "The training loss or the representations became NaN or infinite.", artifacts: [curve] };
    const acc = probeBoth(reps.data as Float32Array, data, weightsSeed);
    const gain = acc.trained - acc.random;
    const text = `Linear probe (${data.trainLabels.length} labelled digits, ${data.testLabels.length} held-out): ${pct(acc.trained)} after ${TRAIN.epochs} epochs of contrastive pretraining on ${DESIGN.pool} unlabelled digits with your loss, ` +
      `${pct(acc.random)} for the same encoder untrained; a gain of ${points(gain)} (needed: ${points(MARGIN)}).`;
    const leaderboard = [{ name: "probe accuracy", value: acc.trained, order: "desc" as const }];
    if (gain >= MARGIN) return { fraction: 1, feedback: text, artifacts: [curve], leaderboard };
    return { fraction: 0, feedback: `${text} The representations learnt with your loss are no better for classifying digits than random ones.`, artifacts: [curve], leaderboard };
  },
});
