/**
 * Hidden, trusted: the lab experiment. The reference CNN trains on the student's 10% subset and on the whole
 * training split (that run does not depend on the student, so it is computed once per process); both record
 * train/validation curves and the train–test accuracy gap on the hidden test set.
 *
 * The detector check grades the student's detectOverfitting on these curves. Checks cannot pass data to each
 * other, so the experiment check's prepare() opens a slot in an AsyncLocalStorage that follows this grading's
 * async chain (and no other grading's), its score() fills the slot and the detector check's prepare() reads it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import * as tf from "@tensorflow/tfjs";
import {
  evaluateSeeded, fitSeeded, getSplit, mnistTensors, referenceCnn, selectBackend, softmaxCrossEntropy, MNIST_PIXELS, type MnistData,
} from "@unlabeled/sdk";
import type { History } from "./rule";

export const CANARY = "unlabeled-hidden-overfitting-10pct-experiment";

export interface RunSummary {
  label: string;
  examples: number;
  history: History;
  valAccuracy: number[];
  trainAccuracy: number;
  testAccuracy: number;
  seconds: number;
}

export interface ExperimentRecord {
  small: RunSummary;
  full: RunSummary;
}

export const SMALL_RUN = { epochs: 30, batchSize: 32, learningRate: 3e-3, seed: 8101 };
export const FULL_RUN = { epochs: 5, batchSize: 64, learningRate: 3e-3, seed: 8102 };

let backend: Promise<unknown> | null = null;
let fullRun: Promise<RunSummary> | null = null;

function testSet(): MnistData {
  const parts = [getSplit("test-public"), getSplit("test-private")];
  const count = parts.reduce((s, p) => s + p.count, 0);
  const images = new Float32Array(count * MNIST_PIXELS);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const p of parts) {
    images.set(p.images, at * MNIST_PIXELS);
    labels.set(p.labels, at);
    at += p.count;
  }
  return { images, labels, count };
}

async function train(label: string, data: MnistData, opts: typeof SMALL_RUN): Promise<RunSummary> {
  backend ??= selectBackend();
  await backend;
  const trainSet = mnistTensors(data);
  const validation = mnistTensors(getSplit("validation"));
  const test = mnistTensors(testSet());
  const model = referenceCnn(opts.seed);
  try {
    const fit = await fitSeeded(model, trainSet, {
      seed: opts.seed, epochs: opts.epochs, batchSize: opts.batchSize, loss: softmaxCrossEntropy,
      optimizer: tf.train.adam(opts.learningRate), validation, accuracy: true,
    });
    const evalOpts = { loss: softmaxCrossEntropy, accuracy: true, seed: opts.seed };
    return {
      label,
      examples: data.count,
      history: { loss: fit.epochs.map((e) => e.loss), valLoss: fit.epochs.map((e) => e.validation!.loss) },
      valAccuracy: fit.epochs.map((e) => e.validation!.accuracy!),
      trainAccuracy: evaluateSeeded(model, trainSet, evalOpts).accuracy!,
      testAccuracy: evaluateSeeded(model, test, evalOpts).accuracy!,
      seconds: fit.seconds,
    };
  } finally {
    model.dispose();
    for (const t of [trainSet.x, trainSet.y, validation.x, validation.y, test.x, test.y]) t.dispose();
  }
}

/** The reference CNN on the given training-split positions (the student's subset). */
export function trainOnSubset(positions: readonly number[]): Promise<RunSummary> {
  const split = getSplit("train");
  const images = new Float32Array(positions.length * MNIST_PIXELS);
  const labels = new Uint8Array(positions.length);
  positions.forEach((p, i) => {
    images.set(split.images.subarray(p * MNIST_PIXELS, (p + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    labels[i] = split.labels[p]!;
  });
  return train(`${positions.length} examples (your 10% subset)`, { images, labels, count: positions.length }, SMALL_RUN);
}

/** The reference CNN on the whole training split; computed once per process. */
export function trainOnFullSet(): Promise<RunSummary> {
  fullRun ??= train(`${getSplit("train").count} examples (the full training set)`, getSplit("train"), FULL_RUN).catch((err: unknown) => {
    fullRun = null;
    throw err;
  });
  return fullRun;
}

const slot = new AsyncLocalStorage<{ record: ExperimentRecord | null }>();

/** Called synchronously from the experiment check's prepare(): a fresh slot for this grading. */
export function openExperimentSlot(): void {
  slot.enterWith({ record: null });
}

export function saveExperiment(record: ExperimentRecord): void {
  const store = slot.getStore();
  if (!store) throw new Error("the overfitting experiment has no slot: openExperimentSlot() did not run in this grading");
  store.record = record;
}

export function savedExperiment(): ExperimentRecord {
  const record = slot.getStore()?.record;
  if (!record) throw new Error("the overfitting experiment's curves are missing in this grading");
  return record;
}
