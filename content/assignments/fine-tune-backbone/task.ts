/**
 * `fine-tune`: loads a backbone (the course's pretrained encoder, or the same architecture randomly initialised)
 * from the weights the check sends, hands it to the submission's fineTune with a few labelled digits, and returns
 * the returned model's class probabilities for the unlabelled test digits, the backbone's features for the probe
 * digits after the call, and how long fineTune took; once per training set, each on a fresh copy of the backbone. The test labels never come here; the trusted side scores.
 * Public code: it scores nothing.
 */
import type * as tfType from "@tensorflow/tfjs";
import { HostTensor, RunnerBug, StudentFailure, anyNumber, createRng, defineTask, deriveSeed, describeThrown, hostTensor, z, type TaskContext } from "@unlabeled/sdk/task";

interface RunInput {
  /** model.json of the backbone (topology and weight specs). */
  modelJson: string;
  /** All weights, concatenated in the order of the weight specs. */
  weights: tfType.Tensor;
  /** One fineTune call per set, each on its own freshly loaded copy of the backbone. */
  sets: Array<{ x: tfType.Tensor4D; y: tfType.Tensor2D }>;
  testX: tfType.Tensor4D;
  /** Digits whose backbone features are returned after fineTune (the feature-keeping check), or null. */
  probeX: tfType.Tensor4D | null;
  numClasses: number;
  seed: number;
}

function parseInput(input: unknown, tf: typeof tfType): RunInput {
  const v = input as RunInput;
  const ok = v && typeof v.modelJson === "string" && [v.weights, v.testX].every((t) => t instanceof tf.Tensor) &&
    Array.isArray(v.sets) && v.sets.length >= 1 && v.sets.every((s) => s && s.x instanceof tf.Tensor && s.y instanceof tf.Tensor) &&
    (v.probeX === null || v.probeX instanceof tf.Tensor) && Number.isInteger(v.numClasses) && Number.isFinite(v.seed);
  if (!ok) throw new RunnerBug("fine-tune: malformed input");
  return v;
}

async function loadBackbone(tf: typeof tfType, modelJson: string, weights: tfType.Tensor): Promise<tfType.LayersModel> {
  const json = JSON.parse(modelJson) as { modelTopology: tfType.io.ModelArtifacts["modelTopology"]; weightsManifest: Array<{ weights: tfType.io.WeightsManifestEntry[] }> };
  const data = weights.dataSync() as Float32Array;
  const bytes = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData: bytes }));
}

function predictInBatches(tf: typeof tfType, model: tfType.LayersModel, x: tfType.Tensor4D, what: string): tfType.Tensor {
  const n = x.shape[0];
  const parts: tfType.Tensor[] = [];
  try {
    for (let b0 = 0; b0 < n; b0 += 500) {
      const size = Math.min(500, n - b0);
      const out = tf.tidy(() => model.predict(x.slice([b0, 0, 0, 0], [size, -1, -1, -1])) as tfType.Tensor);
      if (!(out instanceof tf.Tensor)) throw new StudentFailure("runtime", `${what}: predict did not return one tensor`);
      parts.push(out);
    }
    return tf.concat(parts, 0);
  } finally {
    tf.dispose(parts);
  }
}

/** One call of the student's fineTune on a fresh copy of the backbone, and what its model predicts. */
async function callOnce(ctx: TaskContext, cfg: RunInput, set: { x: tfType.Tensor4D; y: tfType.Tensor2D }, index: number) {
  const tf = ctx.tf;
  const fineTune = ctx.exports.fineTune as (...args: unknown[]) => unknown;
  const backbone = await loadBackbone(tf, cfg.modelJson, cfg.weights);
  const rng = createRng(deriveSeed(cfg.seed, "student", index));
  ctx.progress({ phase: "fine-tuning", epoch: index + 1 });
  const start = performance.now();
  let model: unknown;
  try {
    model = await fineTune(backbone, { x: set.x, y: set.y }, { numClasses: cfg.numClasses, rng });
  } catch (err) {
    if (err instanceof StudentFailure) throw err;
    const { kind, message } = describeThrown(err, "fineTune threw");
    throw new StudentFailure(kind, message);
  }
  const seconds = (performance.now() - start) / 1000;
  const m = model as Partial<tfType.LayersModel> | null;
  if (!m || typeof m !== "object" || typeof m.predict !== "function") throw new StudentFailure("runtime", `fineTune must return a tf.LayersModel (a model with predict), got ${m === null ? "null" : typeof m}`);
  let probabilities: tfType.Tensor;
  try {
    probabilities = predictInBatches(tf, m as tfType.LayersModel, cfg.testX, "the returned model");
  } catch (err) {
    if (err instanceof StudentFailure) throw err;
    const { kind, message } = describeThrown(err, "the returned model failed on the test digits");
    throw new StudentFailure(kind, message);
  }
  const features = cfg.probeX ? predictInBatches(tf, backbone, cfg.probeX, "the backbone") : null;
  return { probabilities, features, seconds, returnedBackbone: m === backbone };
}

async function run(input: unknown, ctx: TaskContext): Promise<unknown> {
  const cfg = parseInput(input, ctx.tf);
  if (typeof ctx.exports.fineTune !== "function") throw new StudentFailure("runtime", "the submission does not export a function named 'fineTune'");
  const runs = [];
  for (let i = 0; i < cfg.sets.length; i++) runs.push(await callOnce(ctx, cfg, cfg.sets[i]!, i));
  return { runs };
}

export interface FineTuneInput {
  modelJson: string;
  weights: HostTensor;
  sets: Array<{ x: HostTensor; y: HostTensor }>;
  testX: HostTensor;
  probeX: HostTensor | null;
  numClasses: number;
  seed: number;
}

export interface FineTuneRun {
  /** [test digits, classes]: what the returned model predicts. */
  probabilities: HostTensor;
  /** [probe digits, d]: the backbone's features after fineTune (it may have been trained in place), or null. */
  features: HostTensor | null;
  seconds: number;
  /** fineTune returned the backbone object itself. */
  returnedBackbone: boolean;
}

export interface FineTuneOutput {
  /** One per training set, in order. */
  runs: FineTuneRun[];
}

export const fineTuneOutputSchema: z.ZodType<FineTuneOutput> = z.strictObject({
  runs: z.array(z.strictObject({
    probabilities: hostTensor,
    features: hostTensor.nullable(),
    seconds: anyNumber,
    returnedBackbone: z.boolean(),
  })).min(1).max(8),
});

export default defineTask<FineTuneInput, FineTuneOutput>({ name: "fine-tune", output: fineTuneOutputSchema, run });
