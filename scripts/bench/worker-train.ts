/**
 * Child process of `npm run bench -- train`: measures one backend and prints one JSON line. Each backend runs in
 * its own process so that the stock measurements never see a project kernel.
 *
 *   node --import tsx scripts/bench/worker-train.ts <mode> [--cnn-steps N] [--mlp-steps N] [--cnn-only]
 *   mode: tensorflow | wasm | cpu (grader backends, via selectBackend) | wasm-stock | cpu-stock (TF.js as shipped)
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import path from "node:path";
import { selectBackend, wasmBinaryDir, type TfBackendName } from "../../graders/tf/backend";
import { getSplit, stratifiedSubset } from "../../graders/tf/data/mnist";
import { mnistTensors, referenceCnn, referenceMlp, softmaxCrossEntropy } from "../../graders/tf/models";
import { fitSeeded, type Dataset } from "../../graders/tf/seeded";

export const WORKER_MODES = ["tensorflow", "wasm", "cpu", "wasm-stock", "cpu-stock"] as const;
export type WorkerMode = (typeof WORKER_MODES)[number];

export interface TrainingFigure {
  samplesPerSec: number;
  seconds: number;
  samples: number;
  steps: number;
  /** True when the full 2 epochs ran; false when limited to a number of steps. */
  full: boolean;
  finalLoss: number;
}

export interface WorkerReport {
  mode: WorkerMode;
  backend: string;
  detail: string;
  cnn: TrainingFigure | { error: string };
  mlp?: TrainingFigure | { error: string };
  matMul?: { n: number; gflops: number; transposedGflops: number };
}

const EPOCHS = 2;
const BATCH = 64;
const SAMPLES = 2000;

async function activate(mode: WorkerMode): Promise<{ backend: string; detail: string }> {
  if (mode === "wasm-stock" || mode === "cpu-stock") {
    const name = mode === "wasm-stock" ? "wasm" : "cpu";
    if (name === "wasm") setWasmPaths(wasmBinaryDir() + path.sep);
    tf.enableProdMode();
    if (!(await tf.setBackend(name)) || tf.getBackend() !== name) throw new Error(`stock ${name} did not activate`);
    return { backend: name, detail: `${name} (TF.js as shipped)` };
  }
  const active = await selectBackend({ requested: mode as TfBackendName, selfTest: true });
  return { backend: active.name, detail: active.detail };
}

async function train(
  build: () => tf.LayersModel,
  data: Dataset,
  maxSteps?: number,
): Promise<TrainingFigure | { error: string }> {
  try {
    const model = build();
    const opts = { seed: 1, epochs: EPOCHS, batchSize: BATCH, loss: softmaxCrossEntropy };
    // One untimed step first, for every backend alike: kernels compile and caches warm as in a long-lived grader.
    await fitSeeded(model, data, { ...opts, maxSteps: 1 });
    const r = await fitSeeded(model, data, { ...opts, maxSteps });
    model.dispose();
    const full = maxSteps === undefined || r.steps >= Math.ceil(SAMPLES / BATCH) * EPOCHS;
    const last = r.epochs.at(-1);
    return {
      samplesPerSec: r.samples / r.seconds,
      seconds: r.seconds,
      samples: r.samples,
      steps: r.steps,
      full,
      finalLoss: last?.loss ?? NaN,
    };
  } catch (err) {
    return { error: err instanceof Error ? err.message.split("\n")[0] : String(err) };
  }
}

function matMulGflops(n: number, transposeB: boolean): number {
  const [a, b] = tf.tidy(() => [
    tf.randomUniform([n, n], -1, 1, "float32", 1),
    tf.randomUniform([n, n], -1, 1, "float32", 2),
  ]);
  const once = () => tf.tidy(() => tf.matMul(a, b, false, transposeB).dataSync()[0]);
  once();
  let reps = 0;
  const start = performance.now();
  while (reps < 5 && (reps === 0 || performance.now() - start < 1000)) {
    once();
    reps++;
  }
  const seconds = (performance.now() - start) / 1000;
  a.dispose();
  b.dispose();
  return (2 * n ** 3 * reps) / seconds / 1e9;
}

function parseSteps(argv: string[], flag: string): number | undefined {
  const i = argv.indexOf(flag);
  if (i === -1) return undefined;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer`);
  return n;
}

async function main(argv: string[]): Promise<void> {
  const mode = argv[0] as WorkerMode;
  if (!WORKER_MODES.includes(mode)) throw new Error(`mode must be one of ${WORKER_MODES.join(", ")}`);
  const { backend, detail } = await activate(mode);
  const digits = stratifiedSubset(getSplit("train"), SAMPLES);
  const images = mnistTensors(digits);
  const flat = mnistTensors(digits, { flat: true });
  const cnn = await train(() => referenceCnn(1), images, parseSteps(argv, "--cnn-steps"));
  const report: WorkerReport = { mode, backend, detail, cnn };
  if (!argv.includes("--cnn-only")) {
    report.mlp = await train(() => referenceMlp(1), flat, parseSteps(argv, "--mlp-steps"));
    const n = 1024;
    report.matMul = { n, gflops: matMulGflops(n, false), transposedGflops: matMulGflops(n, true) };
  }
  console.log(JSON.stringify(report));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
