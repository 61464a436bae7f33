/**
 * `residual-block`: builds tf.layers graphs from the submission's residualBlock and returns raw measurements,
 * never verdicts. Modes: `inspect` (outputs with the 3×3 convolutions intact, zeroed and set to a probe, plus the
 * layers it created), `gradient` (gradient norms through a deep stack) and `train` (a small network built from
 * the block, trained on labelled training digits; predictions on unlabelled test images).
 */
import type * as tfType from "@tensorflow/tfjs";
import { HostTensor, RunnerBug, StudentFailure, anyNumber, buildSeeded, defineTask, describeThrown, fitSeeded, hostTensor, z, type TaskContext } from "@unlabeled/sdk/task";

type TF = typeof tfType;
type Block = (x: tfType.SymbolicTensor, filters: number, stride?: number) => tfType.SymbolicTensor;

interface InspectCase { x: tfType.Tensor; filters: number; stride?: number }
interface InspectInput { mode: "inspect"; cases: InspectCase[] }
interface GradientInput { mode: "gradient"; depth: number; filters: number; x: tfType.Tensor; seed: number }
interface TrainInput {
  mode: "train"; seed: number; epochs: number; batchSize: number; learningRate: number;
  trainX: tfType.Tensor; trainY: tfType.Tensor; testX: tfType.Tensor;
}

function blockOf(ctx: TaskContext): Block {
  const fn = ctx.exports.residualBlock;
  if (typeof fn !== "function") {
    throw new StudentFailure("runtime", `the submission does not export a function named 'residualBlock' (it exports: ${Object.keys(ctx.exports).join(", ") || "nothing"})`);
  }
  return fn as Block;
}

function callBlock(block: Block, x: tfType.SymbolicTensor, filters: number, stride: number | undefined, tf: TF): tfType.SymbolicTensor {
  const out = stride === undefined ? block(x, filters) : block(x, filters, stride);
  if (!(out instanceof tf.SymbolicTensor)) throw new Error(`residualBlock returned ${out === null ? "null" : typeof out}, not a tf.SymbolicTensor`);
  return out;
}

function kernelOf(layer: tfType.layers.Layer): number[] | null {
  const config = layer.getConfig() as { kernelSize?: number | number[] };
  if (layer.getClassName() !== "Conv2D" || config.kernelSize === undefined) return null;
  return Array.isArray(config.kernelSize) ? config.kernelSize : [config.kernelSize, config.kernelSize];
}

function describeLayer(layer: tfType.layers.Layer) {
  const c = layer.getConfig() as Record<string, unknown>;
  const pick = (v: unknown) => (Array.isArray(v) ? v.map(Number) : typeof v === "number" ? [v, v] : null);
  return {
    className: layer.getClassName(),
    kernelSize: pick(c.kernelSize),
    strides: pick(c.strides),
    filters: typeof c.filters === "number" ? c.filters : null,
    activation: typeof c.activation === "string" ? c.activation : null,
  };
}

/** Sets every weight of the layer: kernels from `kernel(shape)`, everything else to zero. */
function setWeights(tf: TF, layer: tfType.layers.Layer, kernel: (shape: number[]) => tfType.Tensor): void {
  layer.setWeights(layer.getWeights().map((w, i) => (i === 0 ? kernel(w.shape) : tf.zeros(w.shape))));
}

/** A 3×3 kernel that copies channel c to channel c (times `sign`) at the centre tap. */
function centreIdentity(tf: TF, shape: number[], sign: number): tfType.Tensor {
  const [kh, kw, cin, cout] = shape as [number, number, number, number];
  const values = new Float32Array(kh * kw * cin * cout);
  const centre = Math.floor(kh / 2) * kw + Math.floor(kw / 2);
  for (let c = 0; c < Math.min(cin, cout); c++) values[(centre * cin + c) * cout + c] = sign;
  return tf.tensor4d(values, [kh, kw, cin, cout]);
}

function inspectCase(tf: TF, block: Block, c: InspectCase) {
  const [, h, w, ch] = c.x.shape as number[];
  const input = tf.input({ shape: [h!, w!, ch!] });
  let model: tfType.LayersModel;
  try {
    model = tf.model({ inputs: input, outputs: callBlock(block, input, c.filters, c.stride, tf) });
  } catch (err) {
    return { error: describeThrown(err, "residualBlock threw").message };
  }
  const layers = model.layers.filter((l) => l.getClassName() !== "InputLayer");
  const predict = () => tf.tidy(() => (model.predict(c.x) as tfType.Tensor).clone());
  const output = predict();
  const convs = layers.filter((l) => (kernelOf(l) ?? [1, 1]).some((k) => k !== 1));
  const projection = layers.find((l) => (kernelOf(l) ?? [0]).every((k) => k === 1)) ?? null;
  const projected = projection
    ? tf.tidy(() => (tf.model({ inputs: input, outputs: projection.output as tfType.SymbolicTensor }).predict(c.x) as tfType.Tensor).clone())
    : null;
  const original = convs.map((l) => l.getWeights().map((t) => t.clone()));
  convs.forEach((l) => setWeights(tf, l, (shape) => tf.zeros(shape)));
  const zeroed = predict();
  let probe: tfType.Tensor | null = null;
  if (convs.length === 2) {
    setWeights(tf, convs[0]!, (shape) => centreIdentity(tf, shape, -1));
    setWeights(tf, convs[1]!, (shape) => centreIdentity(tf, shape, 1));
    probe = predict();
  }
  convs.forEach((l, i) => l.setWeights(original[i]!));
  return { error: null, output, zeroed, projected, probe, layers: layers.map(describeLayer) };
}

function gradientNorms(tf: TF, block: Block, input: GradientInput): number[] {
  const [, h, w, ch] = input.x.shape as number[];
  const blocks = buildSeeded(input.seed, () =>
    Array.from({ length: input.depth }, () => {
      const inp = tf.input({ shape: [h!, w!, ch!] });
      return tf.model({ inputs: inp, outputs: callBlock(block, inp, input.filters, 1, tf) });
    }),
  );
  const activations: tfType.Tensor[] = [input.x];
  for (const m of blocks) activations.push(tf.keep(m.predict(activations[activations.length - 1]!) as tfType.Tensor));
  const target = tf.keep(tf.randomNormal(activations[activations.length - 1]!.shape, 0, 1, "float32", input.seed % 1000003));
  // The norm of d(loss)/d(input of block i), loss = <output of the stack, a fixed random direction>.
  return blocks.map((_, i) =>
    tf.tidy(() => {
      const from = (x: tfType.Tensor) => blocks.slice(i).reduce((a, m) => m.apply(a, { training: false }) as tfType.Tensor, x);
      const g = tf.grad((x: tfType.Tensor) => tf.sum(tf.mul(from(x), target)))(activations[i]!);
      return tf.norm(g).dataSync()[0]!;
    }),
  );
}

/**
 * Batch-norm layers keep moving statistics that lag far behind the weights after a short run; one forward pass in
 * training mode with momentum 0 sets them to the statistics of up to 1,000 training images ("precise BN").
 */
function recalibrateBatchNorm(tf: TF, model: tfType.LayersModel, trainX: tfType.Tensor): void {
  const norms = model.layers.filter((l) => l.getClassName() === "BatchNormalization") as Array<tfType.layers.Layer & { momentum: number }>;
  if (norms.length === 0) return;
  const saved = norms.map((l) => l.momentum);
  norms.forEach((l) => (l.momentum = 0));
  tf.tidy(() => {
    model.apply(trainX.slice(0, Math.min(1000, trainX.shape[0])), { training: true });
  });
  norms.forEach((l, i) => (l.momentum = saved[i]!));
}

async function train(tf: TF, block: Block, input: TrainInput, ctx: TaskContext) {
  const model = buildSeeded(input.seed, () => {
    const inp = tf.input({ shape: [28, 28, 1] });
    const stem = tf.layers.conv2d({ filters: 16, kernelSize: 3, strides: 2, padding: "same", activation: "relu" }).apply(inp) as tfType.SymbolicTensor;
    const b1 = callBlock(block, stem, 16, 1, tf);
    const b2 = callBlock(block, b1, 32, 2, tf);
    const pooled = tf.layers.globalAveragePooling2d({}).apply(b2) as tfType.SymbolicTensor;
    return tf.model({ inputs: inp, outputs: tf.layers.dense({ units: 10 }).apply(pooled) as tfType.SymbolicTensor });
  });
  const result = await fitSeeded(model, { x: input.trainX, y: input.trainY }, {
    seed: input.seed,
    epochs: input.epochs,
    batchSize: input.batchSize,
    optimizer: tf.train.adam(input.learningRate),
    loss: (y, logits) => tf.losses.softmaxCrossEntropy(y, logits) as tfType.Scalar,
    onEpochEnd: (log) => ctx.progress({ phase: "training", epoch: log.epoch + 1, metrics: { loss: log.loss } }),
  });
  recalibrateBatchNorm(tf, model, input.trainX);
  const predictions = tf.tidy(() => tf.argMax(model.predict(input.testX, { batchSize: 256 }) as tfType.Tensor, -1).toInt());
  return { predictions, losses: result.epochs.map((e) => e.loss), seconds: result.seconds };
}

async function run(raw: unknown, ctx: TaskContext): Promise<unknown> {
  const input = raw as InspectInput | GradientInput | TrainInput;
  const block = blockOf(ctx);
  const tf = ctx.tf;
  const guard = <T>(what: string, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof StudentFailure) throw err;
      const { kind, message } = describeThrown(err, what);
      throw new StudentFailure(kind, message);
    }
  };
  switch (input?.mode) {
    case "inspect":
      return { cases: input.cases.map((c) => inspectCase(tf, block, c)) };
    case "gradient":
      return { norms: guard("a deep stack of residualBlock failed", () => gradientNorms(tf, block, input)) };
    case "train":
      try {
        return await train(tf, block, input, ctx);
      } catch (err) {
        const { kind, message } = describeThrown(err, "training a network built from residualBlock failed");
        throw new StudentFailure(kind, message);
      }
    default:
      throw new RunnerBug("residual-block: unknown mode");
  }
}

// What the trusted side validates the output with (after decoding: tensors are HostTensors).
const pair = z.array(z.number()).max(4).nullable();

export const blockLayerSchema = z.strictObject({
  className: z.string().max(200),
  kernelSize: pair,
  strides: pair,
  filters: z.number().nullable(),
  activation: z.string().max(100).nullable(),
});
export type BlockLayer = z.infer<typeof blockLayerSchema>;

export type ResidualBlockInput =
  | { mode: "inspect"; cases: Array<{ x: HostTensor; filters: number; stride?: number }> }
  | { mode: "gradient"; depth: number; filters: number; x: HostTensor; seed: number }
  | { mode: "train"; seed: number; epochs: number; batchSize: number; learningRate: number; trainX: HostTensor; trainY: HostTensor; testX: HostTensor };

const inspectedCase = z.union([
  z.strictObject({ error: z.string().max(5000) }),
  z.strictObject({
    error: z.null(),
    output: hostTensor,
    zeroed: hostTensor,
    projected: hostTensor.nullable(),
    probe: hostTensor.nullable(),
    layers: z.array(blockLayerSchema).max(200),
  }),
]);
export type InspectedCase = z.infer<typeof inspectedCase>;

export const residualInspectSchema = z.strictObject({ cases: z.array(inspectedCase).max(50) });
export const residualGradientSchema = z.strictObject({ norms: z.array(anyNumber).max(100) });
export const residualTrainSchema = z.strictObject({ predictions: hostTensor, losses: z.array(anyNumber).max(100), seconds: z.number() });
export const residualBlockOutputSchema = z.union([residualInspectSchema, residualGradientSchema, residualTrainSchema]);
export type ResidualBlockOutput = z.infer<typeof residualBlockOutputSchema>;

export default defineTask<ResidualBlockInput, ResidualBlockOutput>({ name: "residual-block", output: residualBlockOutputSchema, run });
