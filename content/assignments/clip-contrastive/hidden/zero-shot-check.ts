/**
 * Hidden: the training check of clip-contrastive. Two tiny encoders train with the student's clipLoss inside the
 * sandbox; the trusted side classifies held-out (colour, shape) combinations by their most similar prompt.
 */
import { defineCheck, deriveSeed, type Artifact, type CheckScore } from "@unlabeled/sdk";
import { PROMPTS, similarities, zeroShotAccuracy, zeroShotData } from "./zero-shot";
import clipTrainTask from "../task";

export const CANARY = "unlabeled-hidden-clip-contrastive-zero-shot-check";

/** Passing accuracy on held-out combinations (chance is 1/24 ≈ 0.04); calibrated on reference runs, see the tests. */
export const ZERO_SHOT_PASS = 0.25;
export const TRAIN = { total: 2000, maxTest: 240, epochs: 12, batchSize: 64, learningRate: 3e-3, temperature: 0.1, embedDim: 32, hidden: 64 };

function classMatrix(sim: number[][], labels: number[]): Artifact {
  const classes = [...new Set(labels)].sort((a, b) => a - b);
  const values = classes.map((c) => {
    const rows = sim.filter((_, i) => labels[i] === c);
    return PROMPTS.map((_, j) => rows.reduce((s, r) => s + r[j]!, 0) / Math.max(1, rows.length));
  });
  return { kind: "matrix", name: "Mean cosine similarity: held-out images (rows) × prompts", rows: classes.map((c) => PROMPTS[c]!), columns: [...PROMPTS], values };
}

export const zeroShotCheck = defineCheck({
  id: "zero-shot",
  title: "Trains encoders that classify unseen combinations zero-shot",
  visibility: "visible",
  limits: { wallSeconds: 40, cpuSeconds: 60, memoryMb: 768, outputBytes: 4 * 1024 * 1024 },
  dependsOn: ["matches-reference", "gradients"],
  isolate: true,
  task: clipTrainTask,
  prepare: (ctx) => {
    const data = zeroShotData(deriveSeed(ctx.seed, "shapes"), TRAIN.total, TRAIN.maxTest);
    const { testLabels, trainCount: _count, ...tensors } = data;
    const { total: _t, maxTest: _m, ...config } = TRAIN;
    return { input: { ...tensors, ...config, seed: deriveSeed(ctx.seed, "train") }, hidden: testLabels };
  },
  score: (output, labels): CheckScore => {
    const { imageEmbeddings: img, promptEmbeddings: txt, losses } = output;
    if (img.shape.length !== 2 || img.shape[0] !== labels.length || txt.shape[0] !== PROMPTS.length || txt.shape[1] !== img.shape[1]) {
      return { fraction: 0, feedback: "the training run returned embeddings of the wrong shape" };
    }
    const curve: Artifact = { kind: "curve", name: "Training loss", x_label: "epoch", y_label: "clipLoss", series: [{ name: "train", x: losses.map((_, i) => i + 1), y: losses }] };
    if (!losses.every(Number.isFinite)) return { fraction: 0, feedback: "The training loss became NaN or infinite.", artifacts: [curve] };
    const sim = similarities(img, txt);
    const accuracy = zeroShotAccuracy(sim, labels);
    const artifacts = [curve, classMatrix(sim, labels)];
    const text = `Zero-shot accuracy on ${labels.length} images of (colour, shape) combinations never seen in training: ${(100 * accuracy).toFixed(1)}% (chance ${(100 / PROMPTS.length).toFixed(1)}%, needed ${(100 * ZERO_SHOT_PASS).toFixed(0)}%).`;
    const leaderboard = [{ name: "zero-shot accuracy", value: accuracy, order: "desc" as const }];
    if (accuracy >= ZERO_SHOT_PASS) return { fraction: 1, feedback: text, artifacts, leaderboard };
    return { fraction: 0, feedback: `${text} The encoders did not learn to match images with their captions.`, artifacts, leaderboard };
  },
});
