/**
 * Hidden, trusted: the augmentation experiment. For each of the seed bank's paired seeds the reference CNN trains
 * twice on the same stratified 10% with the same initialisation, optimiser and batch order: once on the clean digits
 * and once on the student's augmented copies (epoch e uses copy e mod COPIES). Both are scored on the hidden test set
 * (public + private parts); the check passes when the one-sided 99% t lower bound of the mean paired difference
 * is above zero.
 *
 * The training seeds are a fixed bank, the same for every submission of this version of the file (changing them is
 * a new course version), so the clean arm of each seed is the same for every student: it is trained once per grader
 * process and backend and reused, and an experiment trains only the augmented arms. The design stays paired (each
 * augmented arm is compared with the clean arm of its own seed), and every student is measured against the same
 * baselines. The student's copies still come from the grading seed (their rng), so the result follows their code.
 */
import * as tf from "@tensorflow/tfjs";
import { evaluateSeeded, fitSeeded, getSplit, mnistTensors, referenceCnn, softmaxCrossEntropy, type HostTensor, type Dataset } from "@unlabeled/sdk";
import { readyBackend, smallTrainingSet } from "./data";

export const CANARY = "unlabeled-hidden-augmentation-experiment";

export const PLAN = { seeds: 6, epochs: 16, copies: 8, batchSize: 64, learningRate: 3e-3 };
/** The training seeds of the paired arms (PLAN.seeds of them): initialisation, batch order and evaluation. */
export const SEED_BANK = [910_001, 910_002, 910_003, 910_004, 910_005, 910_006];
/** One-sided 99% quantiles of Student's t by degrees of freedom. */
const T99: Record<number, number> = { 1: 31.821, 2: 6.965, 3: 4.541, 4: 3.747, 5: 3.365, 6: 3.143, 7: 2.998, 8: 2.896, 9: 2.821 };

export interface PairResult {
  seed: number;
  clean: { public: number; private: number };
  augmented: { public: number; private: number };
}

export interface ExperimentResult {
  pairs: PairResult[];
  meanDifference: number;
  lowerBound: number;
  upperBound: number;
  seconds: number;
}

/** The clean arm of each bank seed, per backend: [public accuracy, private accuracy]. */
const cleanArms = new Map<string, Promise<number[]>>();

async function trainAndScore(seed: number, y: tf.Tensor, epochInputs: (e: number) => tf.Tensor, tests: Dataset[]): Promise<number[]> {
  const model = referenceCnn(seed);
  const optimizer = tf.train.adam(PLAN.learningRate);
  try {
    for (let e = 0; e < PLAN.epochs; e++) {
      await fitSeeded(model, { x: epochInputs(e), y }, { seed: seed * 1000 + e, epochs: 1, batchSize: PLAN.batchSize, loss: softmaxCrossEntropy, optimizer });
    }
    return tests.map((t) => evaluateSeeded(model, t, { loss: softmaxCrossEntropy, accuracy: true, seed }).accuracy!);
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}

export async function runExperiment(copies: HostTensor[]): Promise<ExperimentResult> {
  await readyBackend();
  const started = performance.now();
  const clean = mnistTensors(smallTrainingSet());
  const augmented = copies.map((c) => tf.tensor(c.data as Float32Array, c.shape as number[], "float32"));
  const tests = [mnistTensors(getSplit("test-public")), mnistTensors(getSplit("test-private"))];
  const pairs: PairResult[] = [];
  try {
    for (const seed of SEED_BANK.slice(0, PLAN.seeds)) {
      const key = `${tf.getBackend()}:${seed}`;
      let arm = cleanArms.get(key);
      if (!arm) {
        arm = trainAndScore(seed, clean.y, () => clean.x, tests);
        cleanArms.set(key, arm);
        // A failed training is not kept: the next experiment trains that arm again.
        arm.catch(() => cleanArms.delete(key));
      }
      const [cp, cq] = await arm;
      const [ap, aq] = await trainAndScore(seed, clean.y, (e) => augmented[e % augmented.length]!, tests);
      pairs.push({ seed, clean: { public: cp!, private: cq! }, augmented: { public: ap!, private: aq! } });
    }
  } finally {
    for (const t of [clean.x, clean.y, ...augmented, ...tests.flatMap((t) => [t.x, t.y])]) t.dispose();
  }
  const sizes = [getSplit("test-public").count, getSplit("test-private").count];
  const overall = (r: { public: number; private: number }) => (r.public * sizes[0]! + r.private * sizes[1]!) / (sizes[0]! + sizes[1]!);
  const diffs = pairs.map((p) => overall(p.augmented) - overall(p.clean));
  const mean = diffs.reduce((a, b) => a + b, 0) / diffs.length;
  const sd = Math.sqrt(diffs.reduce((a, d) => a + (d - mean) ** 2, 0) / (diffs.length - 1));
  const half = T99[diffs.length - 1]! * (sd / Math.sqrt(diffs.length));
  return { pairs, meanDifference: mean, lowerBound: mean - half, upperBound: mean + half, seconds: (performance.now() - started) / 1000 };
}
