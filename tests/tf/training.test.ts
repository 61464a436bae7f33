/** Reproducibility and memory of the grader's seeded training loop on the grader backend. */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "@/graders/tf/backend";
import { getSplit, stratifiedSubset } from "@/graders/tf/data/mnist";
import { mnistTensors, referenceCnn, softmaxCrossEntropy } from "@/graders/tf/models";
import { evaluateSeeded, fitSeeded, studentRng, withSeededRandom, type Dataset } from "@/graders/tf/seeded";

let data: Dataset;

beforeAll(async () => {
  await selectBackend({ requested: "wasm" });
  data = mnistTensors(stratifiedSubset(getSplit("train"), 256));
});

/** A small CNN with dropout and batch norm, so every source of randomness and state is exercised. */
function smallModel(seed: number): tf.LayersModel {
  return withSeededRandom(seed, () =>
    tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 4, kernelSize: 3, strides: 2, padding: "same" }),
        tf.layers.batchNormalization(),
        tf.layers.activation({ activation: "relu" }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dropout({ rate: 0.3 }),
        tf.layers.dense({ units: 10 }),
      ],
    }),
  );
}

async function trainOnce(seed: number) {
  const model = smallModel(seed);
  const result = await fitSeeded(model, data, { seed, epochs: 2, batchSize: 32, loss: softmaxCrossEntropy, accuracy: true });
  const metrics = evaluateSeeded(model, data, { loss: softmaxCrossEntropy, accuracy: true });
  const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
  model.dispose();
  return { result, metrics, weights };
}

describe("fitSeeded", () => {
  it("reproduces metrics and weights bit for bit with the same seed", async () => {
    const a = await trainOnce(7);
    const b = await trainOnce(7);
    expect(b.metrics).toEqual(a.metrics);
    expect(b.result.epochs).toEqual(a.result.epochs);
    expect(b.weights).toEqual(a.weights);
    expect(a.result.backend).toEqual({ name: "wasm", detail: "wasm+unlabeled-kernels" });
    expect(a.metrics.loss).toBeLessThan(a.result.epochs[0].loss + 1);
  });

  it("gives different metrics with a different seed", async () => {
    const a = await trainOnce(7);
    const c = await trainOnce(8);
    expect(c.metrics.loss).not.toEqual(a.metrics.loss);
  });

  it("learns: loss falls on the reference CNN", async () => {
    const model = referenceCnn(3);
    const r = await fitSeeded(model, data, {
      seed: 3, epochs: 3, batchSize: 32, loss: softmaxCrossEntropy, optimizer: tf.train.adam(0.005),
    });
    expect(r.epochs[2].loss).toBeLessThan(r.epochs[0].loss * 0.8);
    expect(r.steps).toBe(24);
    model.dispose();
  });

  it("keeps memory flat: tensors and the wasm heap stop growing after the first steps", async () => {
    const model = referenceCnn(5);
    const opts = { seed: 5, epochs: 1, batchSize: 32, loss: softmaxCrossEntropy };
    const optimizer = tf.train.adam(1e-3);
    await fitSeeded(model, data, { ...opts, optimizer, maxSteps: 2 });
    const tensors = tf.memory().numTensors;
    const heap = (tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length;
    for (let i = 0; i < 5; i++) await fitSeeded(model, data, { ...opts, optimizer, seed: i });
    expect(tf.memory().numTensors).toBe(tensors);
    expect((tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.length).toBeLessThanOrEqual(heap * 1.25);
    model.dispose();
    optimizer.dispose();
  });

  it("refuses async work under a seeded Math.random and restores it", () => {
    const original = Math.random;
    expect(() => withSeededRandom(1, () => Promise.resolve(1))).toThrow(/synchronous/);
    expect(Math.random).toBe(original);
    expect(withSeededRandom(1, () => Math.random())).toBe(withSeededRandom(1, () => Math.random()));
  });

  it("hands student code a seeded generator independent of the grader's", () => {
    const a = studentRng(3);
    const b = studentRng(3);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(studentRng(4)()).not.toBe(xs[0]);
  });
});

describe("regrade in a fresh process", () => {
  it("reproduces the metrics exactly", async () => {
    const { execFile } = await import("node:child_process");
    const run = () =>
      new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ["--import", "tsx", "tests/tf/fixtures/regrade.ts", "11"], { cwd: process.cwd() }, (err, out) =>
          err ? reject(err) : resolve(out.trim().split("\n").at(-1) ?? ""),
        ),
      );
    const [a, b] = await Promise.all([run(), run()]);
    const parsed = JSON.parse(a) as { backend: { name: string }; metrics: { loss: number; accuracy: number } };
    expect(parsed.backend.name).toBe("wasm");
    expect(Number.isFinite(parsed.metrics.loss)).toBe(true);
    expect(b).toBe(a);
  }, 120_000);
});
