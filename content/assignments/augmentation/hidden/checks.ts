/** Hidden: the checks of augmentation. Digits (never labels) go to the sandbox; every verdict is computed here. */
import { defineCheck, HostTensor, RngArg, publicTestsCheck, deriveSeed, getSplit, type Artifact, type AnyCheck, type CheckScore, type HostValue, type CallOutput } from "@unlabeled/sdk";
import { accuracyOf, batchOf, judgeModel, smallTrainingSet } from "./data";
import { PLAN, runExperiment } from "./experiment";

export const CANARY = "unlabeled-hidden-augmentation-checks";

const UNIT = { wallSeconds: 10, cpuSeconds: 20, memoryMb: 768 };
/** PLAN.copies augmented copies of 600 digits come back: ~15 MB of float32 (base64 on the wire). */
const EXPERIMENT = { wallSeconds: 30, cpuSeconds: 40, memoryMb: 1536, outputBytes: 40 * 1024 * 1024 };
const BATCH = 32;
const JUDGED = 400;
/** The judge recognises ~97% of clean digits; a label-preserving augmentation must keep it at this level or above. */
export const JUDGE_THRESHOLD = 0.85;

const calls = (batch: HostTensor, seeds: number[]) => ({ export: "augment", calls: seeds.map((s) => ({ args: [batch, new RngArg(s)] as HostValue[] })) });

/** The returned tensor if it has the input's shape and only finite values in [0, 1]; else the reason it does not. */
function validOutput(value: HostValue, input: HostTensor): HostTensor | string {
  if (!(value instanceof HostTensor)) return "augment must return a tf.Tensor4D";
  if (value.shape.join(",") !== input.shape.join(",")) return `augment returned shape [${value.shape.join(", ")}] for a batch of shape [${input.shape.join(", ")}]; it must keep the shape`;
  const data = value.data as ArrayLike<number>;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isFinite(v)) return "augment returned NaN or infinite pixels";
    if (v < -1e-6 || v > 1 + 1e-6) return `augment returned a pixel of ${v.toFixed(3)}: pixels must stay in [0, 1] (clip them)`;
  }
  return value;
}

function outputsOf(output: CallOutput, input: HostTensor, expected = 2): HostTensor[] | string {
  if (output.calls.length !== expected) return `expected ${expected} results, got ${output.calls.length}`;
  const out: HostTensor[] = [];
  for (const call of output.calls) {
    const v = validOutput(call.value, input);
    if (typeof v === "string") return v;
    out.push(v);
  }
  return out;
}

const perImage = (t: HostTensor, i: number) => (t.data as Float32Array).subarray(i * 784, (i + 1) * 784);
const meanAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => { let s = 0; for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!); return s / a.length; };

function unitCheck(id: string, title: string, dependsOn: string[], judge: (outs: HostTensor[], input: HostTensor) => CheckScore) {
  return defineCheck({
    id, title, visibility: "visible", limits: UNIT, dependsOn, task: "call",
    prepare: (ctx) => {
      const input = batchOf(getSplit("train"), (ctx.seed % 50) * BATCH, BATCH);
      return { input: calls(input, [ctx.seed, ctx.seed + 1]), hidden: input };
    },
    score: (output, input) => {
      const outs = outputsOf(output, input);
      return typeof outs === "string" ? { fraction: 0, feedback: outs } : judge(outs, input);
    },
  });
}

/**
 * The contract: every random number from rng. The same batch with two generators in one process, then the first
 * generator again in a fresh process whose Math.random is seeded differently: the repeat must match exactly (so the
 * verdict can be reproduced on regrade), and the two generators must give different images.
 */
const usesRng = defineCheck({
  id: "uses-rng",
  title: "Draws its randomness from rng only",
  visibility: "visible",
  limits: UNIT,
  dependsOn: ["shape-and-range"],
  task: "call",
  prepare: (ctx) => {
    const input = batchOf(getSplit("train"), (ctx.seed % 50) * BATCH, BATCH);
    return { input: calls(input, [ctx.seed, ctx.seed + 1]), hidden: { input, seed: ctx.seed, first: [] as HostTensor[] } };
  },
  next: (output, hidden, ctx, stage) => {
    const outs = stage === 1 ? outputsOf(output, hidden.input) : null;
    if (!outs || typeof outs === "string") return null;
    return { input: calls(hidden.input, [hidden.seed]), hidden: { ...hidden, first: outs }, runnerSeed: deriveSeed(ctx.seed, "again") };
  },
  score: (output, { input, first }) => {
    if (first.length !== 2) return { fraction: 0, feedback: "augment did not return valid images for both generators" };
    const again = outputsOf(output, input, 1);
    if (typeof again === "string") return { fraction: 0, feedback: again };
    const differ = (a: HostTensor, b: HostTensor) => meanAbs(a.data as Float32Array, b.data as Float32Array);
    if (differ(again[0]!, first[0]!) > 0) return { fraction: 0, feedback: "The same rng gave different images when run again in a fresh process: take every random number from rng (never Math.random), so a regrade reproduces your result." };
    if (differ(first[0]!, first[1]!) === 0) return { fraction: 0, feedback: "Two different rng generators gave the same images: the augmentation must draw its random choices from rng." };
    return { fraction: 1, feedback: "The same rng gives the same images, also in a fresh process; another rng gives others." };
  },
});

const shapeRange = unitCheck("shape-and-range", "Keeps the shape [n, 28, 28, 1] and pixels in [0, 1]", [], () => ({ fraction: 1, feedback: "Same shape, finite pixels in [0, 1]." }));

const notIdentity = unitCheck("not-identity", "Changes the images", ["shape-and-range"], (outs, input) => {
  const changed = Array.from({ length: input.shape[0]! }, (_, i) => meanAbs(perImage(outs[0]!, i), perImage(input, i)) > 0.005).filter(Boolean).length;
  return changed >= input.shape[0]! / 2
    ? { fraction: 1, feedback: `${changed} of ${input.shape[0]} images changed.` }
    : { fraction: 0, feedback: `Only ${changed} of ${input.shape[0]} images changed: augment returns (almost) its input unchanged, which adds no new training examples.` };
});

const noCollapse = unitCheck("no-batch-collapse", "Keeps the images of a batch distinct", ["shape-and-range"], (outs, input) => {
  const n = input.shape[0]!;
  const spread = (t: HostTensor) => { let s = 0; for (let i = 1; i < n; i++) s += meanAbs(perImage(t, i), perImage(t, i - 1)); return s / (n - 1); };
  const ratio = spread(outs[0]!) / spread(input);
  return ratio >= 0.5
    ? { fraction: 1, feedback: "The augmented images are as different from each other as the originals." }
    : { fraction: 0, feedback: `The augmented images are nearly the same for the whole batch (${(100 * ratio).toFixed(0)}% of the originals' spread): augment each image from itself, not one image for the batch.` };
});

const labelsPreserved = defineCheck({
  id: "labels-preserved",
  title: "Preserves the digits (a classifier still recognises them)",
  visibility: "visible", limits: { ...UNIT, outputBytes: 4 * 1024 * 1024 }, dependsOn: ["shape-and-range"], task: "call",
  prepare: (ctx) => {
    const split = getSplit("test-public");
    const input = batchOf(split, 0, JUDGED);
    return { input: calls(input, [ctx.seed]), hidden: { input, labels: split.labels.subarray(0, JUDGED) } };
  },
  score: async (output, { input, labels }) => {
    const outs = outputsOf(output, input, 1);
    if (typeof outs === "string") return { fraction: 0, feedback: outs };
    const model = await judgeModel();
    const clean = accuracyOf(model, input, labels);
    const augmented = accuracyOf(model, outs[0]!, labels);
    const text = `A reference classifier recognises ${(100 * augmented).toFixed(1)}% of your augmented digits (${(100 * clean).toFixed(1)}% of the originals).`;
    return augmented >= JUDGE_THRESHOLD
      ? { fraction: 1, feedback: `${text} The labels are preserved.` }
      : { fraction: 0, feedback: `${text} That is below ${100 * JUDGE_THRESHOLD}%: the augmentation destroys or changes the digits (flips turn digits into other shapes; heavy noise or large warps erase them). Keep transformations small enough that the digit keeps its label.` };
  },
});

function pairsArtifact(pairs: Awaited<ReturnType<typeof runExperiment>>["pairs"]): Artifact {
  const x = pairs.map((_, i) => i + 1);
  const acc = (r: { public: number; private: number }) => (r.public + r.private) / 2;
  return {
    kind: "curve", name: "Hidden-test accuracy per seed", x_label: "seed pair", y_label: "accuracy",
    series: [{ name: "without augmentation", x, y: pairs.map((p) => acc(p.clean)) }, { name: "with your augmentation", x, y: pairs.map((p) => acc(p.augmented)) }],
  };
}

const improves = defineCheck({
  id: "improves-accuracy",
  title: "Improves hidden-test accuracy on 10% of the data",
  visibility: "visible", limits: EXPERIMENT,
  dependsOn: ["shape-and-range", "uses-rng", "not-identity", "no-batch-collapse", "labels-preserved"],
  task: "call",
  prepare: (ctx) => {
    const set = smallTrainingSet();
    const input = batchOf(set, 0, set.count);
    return { input: calls(input, Array.from({ length: PLAN.copies }, (_, i) => ctx.seed + i)), hidden: { input } };
  },
  score: async (output, { input }) => {
    const outs = outputsOf(output, input, PLAN.copies);
    if (typeof outs === "string") return { fraction: 0, feedback: outs };
    const r = await runExperiment(outs);
    const pts = (v: number) => `${v >= 0 ? "+" : ""}${(100 * v).toFixed(2)}`;
    const lines = r.pairs.map((p, i) => `seed pair ${i + 1}: ${(50 * (p.clean.public + p.clean.private)).toFixed(1)}% → ${(50 * (p.augmented.public + p.augmented.private)).toFixed(1)}%`);
    const summary = `Mean change ${pts(r.meanDifference)} points over ${r.pairs.length} paired seeds; one-sided 99% lower bound ${pts(r.lowerBound)} (the two-sided 98% interval is [${pts(r.lowerBound)}, ${pts(r.upperBound)}]). Your augmented copies and the hidden test set are the same for every seed, so the interval covers the randomness of training only. The ${r.pairs.length} training seeds are this course version's seed bank, the same for every student: each pair compares your augmented run with the clean run of the same seed, which every submission shares.`;
    const leaderboard = [
      { name: "accuracy", value: r.pairs.reduce((s, p) => s + p.augmented.public, 0) / r.pairs.length, order: "desc" as const },
      { name: "accuracy:private", value: r.pairs.reduce((s, p) => s + p.augmented.private, 0) / r.pairs.length, order: "desc" as const },
    ];
    const passed = r.lowerBound > 0;
    const verdict = passed
      ? "Yes: augmentation improves test accuracy, and the one-sided 99% lower bound is above zero."
      : "Not shown: the one-sided 99% lower bound is not above zero, so this augmentation does not reliably improve test accuracy (too weak to add new views of the digits, or harmful).";
    return { fraction: passed ? 1 : 0, feedback: `${verdict}\n${summary}\n${lines.join("\n")}`, artifacts: [pairsArtifact(r.pairs)], leaderboard };
  },
});

export const checks: AnyCheck[] = [
  publicTestsCheck({ title: "Public tests (informational)", limits: UNIT }),
  shapeRange, usesRng, notIdentity, noCollapse, labelsPreserved, improves,
];
