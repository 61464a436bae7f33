/**
 * `causal-attention`: runs the submission's causalSelfAttention where the `call` task cannot. Returns raw
 * measurements, never verdicts. Modes: `gradients` (d/dq, d/dk, d/dv of sum(w · attention)) and `train` (a tiny
 * decoder-only character model built around the student's attention, trained with seeded Adam; it returns the
 * training losses and the log-probabilities it assigns on validation inputs, each position predicted from its
 * prefix alone, which the trusted side scores against next characters it keeps).
 */
import type * as tfType from "@tensorflow/tfjs";
import { HostTensor, RunnerBug, StudentFailure, anyNumber, anyValue, createRng, defineTask, describeThrown, normal, z, type TaskContext, type HostValue } from "@unlabeled/sdk/task";

type TF = typeof tfType;
type Attention = (q: tfType.Tensor3D, k: tfType.Tensor3D, v: tfType.Tensor3D) => tfType.Tensor3D;

interface GradInput { mode: "gradients"; cases: Array<{ q: tfType.Tensor3D; k: tfType.Tensor3D; v: tfType.Tensor3D; w: tfType.Tensor3D }> }
interface TrainInput {
  mode: "train"; seed: number; vocabSize: number; dModel: number; hidden: number; steps: number; batchSize: number;
  learningRate: number; train: tfType.Tensor2D; valInputs: tfType.Tensor2D;
}

function attentionOf(ctx: TaskContext): Attention {
  const fn = ctx.exports.causalSelfAttention;
  if (typeof fn !== "function") {
    throw new StudentFailure("runtime", `the submission does not export a function named 'causalSelfAttention' (it exports: ${Object.keys(ctx.exports).join(", ") || "nothing"})`);
  }
  return (q, k, v) => {
    let out: unknown;
    try {
      out = (fn as Attention)(q, k, v);
    } catch (err) {
      const { kind, message } = describeThrown(err, "causalSelfAttention threw");
      throw new StudentFailure(kind, message);
    }
    if (!(out instanceof ctx.tf.Tensor)) throw new StudentFailure("runtime", `causalSelfAttention returned ${out === null ? "null" : typeof out}, not a tf.Tensor`);
    if (out.shape.join(",") !== q.shape.join(",")) throw new StudentFailure("runtime", `causalSelfAttention returned shape [${out.shape.join(", ")}] for inputs of shape [${q.shape.join(", ")}]`);
    return out as tfType.Tensor3D;
  };
}

function gradients(tf: TF, attend: Attention, input: GradInput) {
  const cases = input.cases.map((c) =>
    tf.tidy(() => {
      const f = (q: tfType.Tensor, k: tfType.Tensor, v: tfType.Tensor) => tf.sum(tf.mul(attend(q as tfType.Tensor3D, k as tfType.Tensor3D, v as tfType.Tensor3D), c.w));
      let grads: tfType.Tensor[];
      try {
        grads = tf.grads(f)([c.q, c.k, c.v]);
      } catch (err) {
        if (err instanceof StudentFailure) throw err;
        if (err instanceof Error && /Cannot compute gradient/.test(err.message)) {
          throw new StudentFailure("runtime", "no gradient reaches q, k or v: the output must be computed from the inputs with TF.js operations (no dataSync/arraySync and tensors rebuilt from plain arrays)");
        }
        const { kind, message } = describeThrown(err, "computing gradients through causalSelfAttention failed");
        throw new StudentFailure(kind, message);
      }
      return { dq: grads[0]!.clone(), dk: grads[1]!.clone(), dv: grads[2]!.clone() };
    }),
  );
  return { mode: "gradients", cases };
}

/** Seeded parameters of the tiny decoder (normal with standard deviation 1/sqrt(fan-in); biases zero). */
function parameters(tf: TF, cfg: TrainInput, seqLen: number) {
  const gauss = normal(createRng(cfg.seed));
  const make = (shape: number[], std: number) => tf.variable(tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => gauss() * std), shape));
  const { vocabSize: V, dModel: d, hidden: h } = cfg;
  return {
    embed: make([V, d], 0.5), position: make([seqLen, d], 0.1),
    wq: make([d, d], 1 / Math.sqrt(d)), wk: make([d, d], 1 / Math.sqrt(d)), wv: make([d, d], 1 / Math.sqrt(d)), wo: make([d, d], 1 / Math.sqrt(d)),
    w1: make([d, h], 1 / Math.sqrt(d)), b1: tf.variable(tf.zeros([h])), w2: make([h, d], 1 / Math.sqrt(h)), b2: tf.variable(tf.zeros([d])),
    wout: make([d, V], 1 / Math.sqrt(d)), bout: tf.variable(tf.zeros([V])),
  };
}

type Params = ReturnType<typeof parameters>;

/** Logits [batch * seqLen, vocab] for int32 inputs [batch, seqLen] (seqLen up to the model's context length). */
function forward(tf: TF, p: Params, attend: Attention, x: tfType.Tensor2D, vocab: number): tfType.Tensor2D {
  const [batch, seqLen] = x.shape;
  const d = p.embed.shape[1]!;
  const flat = (t: tfType.Tensor) => t.reshape([batch * seqLen, -1]) as tfType.Tensor2D;
  const position = seqLen === p.position.shape[0] ? p.position : p.position.slice([0, 0], [seqLen, d]);
  const h0 = tf.matMul(flat(tf.oneHot(x, vocab).toFloat()), p.embed).reshape([batch, seqLen, d]).add(position) as tfType.Tensor3D;
  const proj = (w: tfType.Variable) => tf.matMul(flat(h0), w).reshape([batch, seqLen, d]) as tfType.Tensor3D;
  const a = attend(proj(p.wq), proj(p.wk), proj(p.wv));
  const h1 = flat(h0).add(tf.matMul(flat(a), p.wo));
  const h2 = h1.add(tf.matMul(tf.relu(tf.matMul(h1, p.w1).add(p.b1)), p.w2).add(p.b2));
  return tf.matMul(h2, p.wout).add(p.bout) as tfType.Tensor2D;
}

/**
 * Log-probabilities [m, L, vocab] on the validation windows where position t is predicted from the prefix of length
 * t + 1 alone, the prefixes fed from the shortest to the longest: the attention never receives a character after
 * the one it predicts, not even in an earlier call it might remember. The last target is never in the sandbox.
 */
function validationLogProbs(tf: TF, p: Params, attend: Attention, cfg: TrainInput): tfType.Tensor {
  const [m, L] = cfg.valInputs.shape;
  const steps: tfType.Tensor[] = [];
  for (let length = 1; length <= L; length++) {
    steps.push(
      tf.tidy(() => {
        const prefix = cfg.valInputs.slice([0, 0], [m, length]) as tfType.Tensor2D;
        const logits = forward(tf, p, attend, prefix, cfg.vocabSize).reshape([m, length, cfg.vocabSize]);
        return tf.logSoftmax(logits.slice([0, length - 1, 0], [m, 1, cfg.vocabSize]));
      }),
    );
  }
  const out = tf.concat(steps, 1);
  tf.dispose(steps);
  return out;
}

async function train(ctx: TaskContext, attend: Attention, cfg: TrainInput) {
  const { tf } = ctx;
  const started = performance.now();
  const [rows, width] = cfg.train.shape;
  const seqLen = width - 1;
  const p = parameters(tf, cfg, seqLen);
  const optimizer = tf.train.adam(cfg.learningRate);
  const pick = createRng(cfg.seed + 1);
  const trainLoss: number[] = [];
  for (let step = 1; step <= cfg.steps; step++) {
    const rowsOf = tf.tensor1d(Array.from({ length: cfg.batchSize }, () => Math.floor(pick() * rows)), "int32");
    const batch = tf.gather(cfg.train, rowsOf);
    const x = batch.slice([0, 0], [cfg.batchSize, seqLen]) as tfType.Tensor2D;
    const y = tf.oneHot(batch.slice([0, 1], [cfg.batchSize, seqLen]).reshape([-1]) as tfType.Tensor1D, cfg.vocabSize).toFloat();
    const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, forward(tf, p, attend, x, cfg.vocabSize)) as tfType.Scalar, true);
    tf.dispose([rowsOf, batch, x, y]);
    if (step % 10 === 0 || step === cfg.steps) {
      const value = (await loss!.data())[0]!;
      trainLoss.push(value);
      ctx.progress({ phase: "training", epoch: step, metrics: { loss: value } });
    }
    loss?.dispose();
  }
  const valLogProbs = validationLogProbs(tf, p, attend, cfg);
  optimizer.dispose();
  tf.dispose(Object.values(p));
  return { mode: "train", trainLoss, valLogProbs, seconds: (performance.now() - started) / 1000 };
}

async function run(input: unknown, ctx: TaskContext): Promise<unknown> {
  const value = input as GradInput | TrainInput;
  const attend = attentionOf(ctx);
  if (value?.mode === "gradients" && Array.isArray(value.cases)) return gradients(ctx.tf, attend, value);
  if (value?.mode === "train" && value.train instanceof ctx.tf.Tensor) return train(ctx, attend, value);
  throw new RunnerBug("causal-attention: the input needs mode 'gradients' with cases or mode 'train' with data");
}

// What the trusted side validates the output with (after decoding: tensors are HostTensors).
export interface AttentionGradCase {
  q: HostTensor;
  k: HostTensor;
  v: HostTensor;
  /** Weights of the scalar sum(w · attention(q, k, v)) whose gradients are measured. */
  w: HostTensor;
}

export interface AttentionTrainConfig {
  seed: number;
  vocabSize: number;
  dModel: number;
  hidden: number;
  steps: number;
  batchSize: number;
  learningRate: number;
  /** int32 [sequences, seqLen + 1] character ids to train on. */
  train: HostTensor;
  /** int32 [sequences, seqLen] validation inputs (the trusted side keeps their next characters). */
  valInputs: HostTensor;
}

export type CausalAttentionInput = { mode: "gradients"; cases: AttentionGradCase[] } | ({ mode: "train" } & AttentionTrainConfig);

export type CausalAttentionOutput =
  | { mode: "gradients"; cases: Array<{ dq: HostValue; dk: HostValue; dv: HostValue }> }
  | { mode: "train"; trainLoss: number[]; valLogProbs: HostValue; seconds: number };

export const causalAttentionOutputSchema: z.ZodType<CausalAttentionOutput> = z.union([
  z.strictObject({
    mode: z.literal("gradients"),
    cases: z.array(z.strictObject({ dq: anyValue, dk: anyValue, dv: anyValue })).max(100),
  }),
  z.strictObject({
    mode: z.literal("train"),
    trainLoss: z.array(anyNumber).max(10000),
    valLogProbs: anyValue,
    seconds: z.number().min(0),
  }),
]);

export default defineTask<CausalAttentionInput, CausalAttentionOutput>({ name: "causal-attention", output: causalAttentionOutputSchema, run });
