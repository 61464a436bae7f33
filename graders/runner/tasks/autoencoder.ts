/**
 * `autoencoder`: builds the submission's encoder and decoder and returns raw measurements, never verdicts.
 * Modes: `inspect` (input/output shapes, parameter counts, shared weights, the encoder's codes for some images and
 * the decoder's outputs for some latents, twice, with other images encoded in between) and `train` (both trained
 * jointly on unlabelled training digits with a mean squared error, then test images encoded in one pass and
 * decoded in another: the decoder sees only the codes).
 */
import type * as tfType from "@tensorflow/tfjs";
import { buildSeeded, fitSeeded } from "../../tf/seeded";
import { describeThrown, RunnerBug, StudentFailure } from "../errors";
import type { Task, TaskContext } from "./types";

type TF = typeof tfType;
type Builder = (latentDim: number) => tfType.LayersModel;

interface InspectInput { mode: "inspect"; cases: Array<{ latentDim: number; images: tfType.Tensor; latents: tfType.Tensor }> }
interface TrainInput {
  mode: "train"; latentDim: number; seed: number; epochs: number; batchSize: number; learningRate: number;
  trainX: tfType.Tensor; testX: tfType.Tensor;
}

function builders(ctx: TaskContext): { encoder: Builder; decoder: Builder } {
  const missing = ["buildEncoder", "buildDecoder"].filter((n) => typeof ctx.exports[n] !== "function");
  if (missing.length) {
    throw new StudentFailure("runtime", `the submission does not export ${missing.join(" and ")} (it exports: ${Object.keys(ctx.exports).join(", ") || "nothing"})`);
  }
  return { encoder: ctx.exports.buildEncoder as Builder, decoder: ctx.exports.buildDecoder as Builder };
}

function build(tf: TF, fn: Builder, latentDim: number, what: string): tfType.LayersModel {
  const model = fn(latentDim);
  if (!(model instanceof tf.LayersModel)) throw new Error(`${what}(${latentDim}) returned ${model === null ? "null" : typeof model}, not a tf.LayersModel`);
  return model;
}

const shapesOf = (ts: tfType.SymbolicTensor[]) => ts.map((t) => [...t.shape]);
const paramsOf = (m: tfType.LayersModel) => m.weights.reduce((n, w) => n + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);

function single(t: tfType.Tensor | tfType.Tensor[], what: string): tfType.Tensor {
  if (Array.isArray(t)) throw new Error(`the ${what} has ${t.length} outputs; it needs exactly one`);
  return t;
}

function inspect(tf: TF, b: { encoder: Builder; decoder: Builder }, c: InspectInput["cases"][number]) {
  let encoder: tfType.LayersModel;
  let decoder: tfType.LayersModel;
  try {
    encoder = build(tf, b.encoder, c.latentDim, "buildEncoder");
    decoder = build(tf, b.decoder, c.latentDim, "buildDecoder");
  } catch (err) {
    return { error: describeThrown(err, "building the models threw").message };
  }
  const encoderWeights = new Set(encoder.weights.map((w) => w.read().id));
  const sharedWeights = decoder.weights.filter((w) => encoderWeights.has(w.read().id)).length;
  const base = {
    error: null,
    encoderInputs: shapesOf(encoder.inputs),
    encoderOutputs: shapesOf(encoder.outputs),
    decoderInputs: shapesOf(decoder.inputs),
    decoderOutputs: shapesOf(decoder.outputs),
    encoderParams: paramsOf(encoder),
    decoderParams: paramsOf(decoder),
    sharedWeights,
  };
  try {
    const encoded = tf.tidy(() => single(encoder.predict(c.images), "encoder").clone());
    const decoded = tf.tidy(() => single(decoder.predict(c.latents), "decoder").clone());
    tf.tidy(() => encoder.predict(tf.reverse(c.images, 0)));
    const decodedAgain = tf.tidy(() => single(decoder.predict(c.latents), "decoder").clone());
    return { ...base, encoded, decoded, decodedAgain };
  } catch (err) {
    return { error: describeThrown(err, "running the models threw").message };
  }
}

async function train(tf: TF, b: { encoder: Builder; decoder: Builder }, input: TrainInput, ctx: TaskContext) {
  const { encoder, decoder, joint } = buildSeeded(input.seed, () => {
    const enc = build(tf, b.encoder, input.latentDim, "buildEncoder");
    const dec = build(tf, b.decoder, input.latentDim, "buildDecoder");
    const image = tf.input({ shape: [28, 28, 1] });
    const code = enc.apply(image) as tfType.SymbolicTensor;
    return { encoder: enc, decoder: dec, joint: tf.model({ inputs: image, outputs: dec.apply(code) as tfType.SymbolicTensor }) };
  });
  const result = await fitSeeded(joint, { x: input.trainX, y: input.trainX }, {
    seed: input.seed,
    epochs: input.epochs,
    batchSize: input.batchSize,
    optimizer: tf.train.adam(input.learningRate),
    loss: (y, pred) => tf.losses.meanSquaredError(y, pred) as tfType.Scalar,
    onEpochEnd: (log) => ctx.progress({ phase: "training", epoch: log.epoch + 1, metrics: { mse: log.loss } }),
  });
  const n = input.testX.shape[0];
  const batch = 250;
  const codes: tfType.Tensor[] = [];
  for (let b0 = 0; b0 < n; b0 += batch) {
    codes.push(tf.tidy(() => single(encoder.predict(input.testX.slice(b0, Math.min(batch, n - b0))), "encoder").clone()));
  }
  // Decoded last batch first, after every image was encoded: only the codes can carry the images.
  const pieces = codes.map(() => null as tfType.Tensor | null);
  for (let i = codes.length - 1; i >= 0; i--) pieces[i] = tf.tidy(() => single(decoder.predict(codes[i]!), "decoder").clone());
  const reconstructions = tf.concat(pieces as tfType.Tensor[], 0);
  return { reconstructions, losses: result.epochs.map((e) => e.loss), seconds: result.seconds };
}

export const autoencoderTask: Task = async (raw, ctx) => {
  const input = raw as InspectInput | TrainInput;
  const b = builders(ctx);
  switch (input?.mode) {
    case "inspect":
      return { cases: input.cases.map((c) => inspect(ctx.tf, b, c)) };
    case "train":
      try {
        return await train(ctx.tf, b, input, ctx);
      } catch (err) {
        const { kind, message } = describeThrown(err, "training the encoder and decoder jointly failed");
        throw new StudentFailure(kind, message);
      }
    default:
      throw new RunnerBug("autoencoder: unknown mode");
  }
};
