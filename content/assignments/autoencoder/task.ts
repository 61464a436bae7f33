/**
 * `autoencoder`: builds the submission's encoder and decoder and returns raw measurements, never verdicts. Each
 * mode runs in a process of its own (the checks chain them with next()), so nothing one mode saw can reach another:
 * - `inspect`: shapes, parameter counts, shared weights, the encoder's codes for some images and the decoder's
 *   outputs for some latents;
 * - `decode-seeded`: the same seeded models built again in a fresh process, the decoder's outputs for the latents;
 * - `train`: encoder and decoder trained jointly on unlabelled training digits (no test digit is in this process);
 *   returns the trained weights;
 * - `encode`: the trained encoder (its weights) encodes the hidden test digits;
 * - `decode`: the trained decoder decodes those codes, in a process that never saw a test digit.
 */
import type * as tfType from "@tensorflow/tfjs";
import { HostTensor, RunnerBug, StudentFailure, anyNumber, buildSeeded, defineTask, describeThrown, fitSeeded, hostTensor, z, type TaskContext } from "@unlabeled/sdk/task";

type TF = typeof tfType;
type Builder = (latentDim: number) => tfType.LayersModel;
type Builders = { encoder: Builder; decoder: Builder };

interface InspectInput { mode: "inspect"; seed: number; cases: Array<{ latentDim: number; images: tfType.Tensor; latents: tfType.Tensor }> }
interface DecodeSeededInput { mode: "decode-seeded"; seed: number; cases: Array<{ latentDim: number; latents: tfType.Tensor }> }
interface TrainInput { mode: "train"; latentDim: number; seed: number; epochs: number; batchSize: number; learningRate: number; trainX: tfType.Tensor }
interface ApplyInput { mode: "encode" | "decode"; latentDim: number; seed: number; weights: tfType.Tensor[]; x: tfType.Tensor }
type Input = InspectInput | DecodeSeededInput | TrainInput | ApplyInput;

function builders(ctx: TaskContext): Builders {
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

/** Encoder then decoder, built in this order with seeded initialisers, as in every mode. */
function buildPair(tf: TF, b: Builders, latentDim: number, seed: number) {
  return buildSeeded(seed, () => ({ encoder: build(tf, b.encoder, latentDim, "buildEncoder"), decoder: build(tf, b.decoder, latentDim, "buildDecoder") }));
}

const shapesOf = (ts: tfType.SymbolicTensor[]) => ts.map((t) => [...t.shape]);
const paramsOf = (m: tfType.LayersModel) => m.weights.reduce((n, w) => n + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);

function single(t: tfType.Tensor | tfType.Tensor[], what: string): tfType.Tensor {
  if (Array.isArray(t)) throw new Error(`the ${what} has ${t.length} outputs; it needs exactly one`);
  return t;
}

function predictBatched(tf: TF, model: tfType.LayersModel, x: tfType.Tensor, what: string): tfType.Tensor {
  const n = x.shape[0]!;
  const pieces: tfType.Tensor[] = [];
  for (let b0 = 0; b0 < n; b0 += 250) pieces.push(tf.tidy(() => single(model.predict(x.slice(b0, Math.min(250, n - b0))), what).clone()));
  return pieces.length === 1 ? pieces[0]! : tf.concat(pieces, 0);
}

function inspect(tf: TF, b: Builders, seed: number, c: InspectInput["cases"][number]) {
  let models: { encoder: tfType.LayersModel; decoder: tfType.LayersModel };
  try {
    models = buildPair(tf, b, c.latentDim, seed);
  } catch (err) {
    return { error: describeThrown(err, "building the models threw").message };
  }
  const { encoder, decoder } = models;
  const encoderWeights = new Set(encoder.weights.map((w) => w.read().id));
  const base = {
    error: null,
    encoderInputs: shapesOf(encoder.inputs),
    encoderOutputs: shapesOf(encoder.outputs),
    decoderInputs: shapesOf(decoder.inputs),
    decoderOutputs: shapesOf(decoder.outputs),
    encoderParams: paramsOf(encoder),
    decoderParams: paramsOf(decoder),
    sharedWeights: decoder.weights.filter((w) => encoderWeights.has(w.read().id)).length,
  };
  try {
    const encoded = tf.tidy(() => single(encoder.predict(c.images), "encoder").clone());
    const decoded = tf.tidy(() => single(decoder.predict(c.latents), "decoder").clone());
    return { ...base, encoded, decoded };
  } catch (err) {
    return { error: describeThrown(err, "running the models threw").message };
  }
}

function decodeSeeded(tf: TF, b: Builders, seed: number, c: DecodeSeededInput["cases"][number]) {
  try {
    const { decoder } = buildPair(tf, b, c.latentDim, seed);
    return { error: null, decoded: tf.tidy(() => single(decoder.predict(c.latents), "decoder").clone()) };
  } catch (err) {
    return { error: describeThrown(err, "running the decoder in a fresh process threw").message };
  }
}

async function train(tf: TF, b: Builders, input: TrainInput, ctx: TaskContext) {
  const { encoder, decoder } = buildPair(tf, b, input.latentDim, input.seed);
  const joint = buildSeeded(input.seed + 1, () => {
    const image = tf.input({ shape: [28, 28, 1] });
    const code = encoder.apply(image) as tfType.SymbolicTensor;
    return tf.model({ inputs: image, outputs: decoder.apply(code) as tfType.SymbolicTensor });
  });
  const result = await fitSeeded(joint, { x: input.trainX, y: input.trainX }, {
    seed: input.seed,
    epochs: input.epochs,
    batchSize: input.batchSize,
    optimizer: tf.train.adam(input.learningRate),
    loss: (y, pred) => tf.losses.meanSquaredError(y, pred) as tfType.Scalar,
    onEpochEnd: (log) => ctx.progress({ phase: "training", epoch: log.epoch + 1, metrics: { mse: log.loss } }),
  });
  return {
    encoderWeights: encoder.getWeights().map((w) => w.clone()),
    decoderWeights: decoder.getWeights().map((w) => w.clone()),
    losses: result.epochs.map((e) => e.loss),
    seconds: result.seconds,
  };
}

/** The trained encoder or decoder rebuilt in this process from the weights the training run returned. */
function apply(tf: TF, b: Builders, input: ApplyInput) {
  const models = buildPair(tf, b, input.latentDim, input.seed);
  const model = input.mode === "encode" ? models.encoder : models.decoder;
  const shapes = model.getWeights().map((w) => w.shape.join("×"));
  const given = input.weights.map((w) => w.shape.join("×"));
  if (shapes.join(",") !== given.join(",")) {
    throw new StudentFailure("runtime", `build${input.mode === "encode" ? "Encoder" : "Decoder"}(${input.latentDim}) built a different model in a fresh process (weights ${shapes.join(", ") || "none"} instead of ${given.join(", ") || "none"}): the builders must build the same architecture every time`);
  }
  model.setWeights(input.weights);
  return { values: predictBatched(tf, model, input.x, input.mode === "encode" ? "encoder" : "decoder") };
}

async function run(raw: unknown, ctx: TaskContext): Promise<unknown> {
  const input = raw as Input;
  const b = builders(ctx);
  const tf = ctx.tf;
  const guard = async <T>(what: string, fn: () => T | Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof StudentFailure) throw err;
      const { kind, message } = describeThrown(err, what);
      throw new StudentFailure(kind, message);
    }
  };
  switch (input?.mode) {
    case "inspect":
      return { cases: input.cases.map((c) => inspect(tf, b, input.seed, c)) };
    case "decode-seeded":
      return { again: input.cases.map((c) => decodeSeeded(tf, b, input.seed, c)) };
    case "train":
      return guard("training the encoder and decoder jointly failed", () => train(tf, b, input, ctx));
    case "encode":
    case "decode":
      return guard(`the trained ${input.mode === "encode" ? "encoder" : "decoder"} failed in a fresh process`, () => apply(tf, b, input));
    default:
      throw new RunnerBug("autoencoder: unknown mode");
  }
}

// What the trusted side validates the output with (after decoding: tensors are HostTensors).
export type AutoencoderInput =
  | { mode: "inspect"; seed: number; cases: Array<{ latentDim: number; images: HostTensor; latents: HostTensor }> }
  | { mode: "decode-seeded"; seed: number; cases: Array<{ latentDim: number; latents: HostTensor }> }
  | { mode: "train"; latentDim: number; seed: number; epochs: number; batchSize: number; learningRate: number; trainX: HostTensor }
  | { mode: "encode" | "decode"; latentDim: number; seed: number; weights: HostTensor[]; x: HostTensor };

const modelShapes = z.array(z.array(z.number().nullable()).max(8)).max(8);
const inspectedModels = z.union([
  z.strictObject({ error: z.string().max(5000) }),
  z.strictObject({
    error: z.null(),
    encoderInputs: modelShapes,
    encoderOutputs: modelShapes,
    decoderInputs: modelShapes,
    decoderOutputs: modelShapes,
    encoderParams: z.number(),
    decoderParams: z.number(),
    sharedWeights: z.number(),
    encoded: hostTensor,
    decoded: hostTensor,
  }),
]);
export type InspectedModels = z.infer<typeof inspectedModels>;

export const autoencoderInspectSchema = z.strictObject({ cases: z.array(inspectedModels).max(20) });
export const autoencoderDecodeSeededSchema = z.strictObject({
  again: z.array(z.union([z.strictObject({ error: z.string().max(5000) }), z.strictObject({ error: z.null(), decoded: hostTensor })])).max(20),
});
export const autoencoderTrainSchema = z.strictObject({
  encoderWeights: z.array(hostTensor).max(200),
  decoderWeights: z.array(hostTensor).max(200),
  losses: z.array(anyNumber).max(100),
  seconds: z.number(),
});
export const autoencoderApplySchema = z.strictObject({ values: hostTensor });
export const autoencoderOutputSchema = z.union([autoencoderInspectSchema, autoencoderDecodeSeededSchema, autoencoderTrainSchema, autoencoderApplySchema]);
export type AutoencoderOutput = z.infer<typeof autoencoderOutputSchema>;

export default defineTask<AutoencoderInput, AutoencoderOutput>({ name: "autoencoder", output: autoencoderOutputSchema, run });
