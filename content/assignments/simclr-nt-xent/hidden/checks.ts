/** Hidden: the checks of simclr-nt-xent. Inputs go to the sandbox; reference losses are computed here only. */
import { defineCheck, HostTensor, publicTestsCheck, type AnyCheck, type CheckScore, type HostValue } from "@unlabeled/sdk";
import { asEmbeddings, diagnose, near, randomCases, randomProjections, referenceOf, rescaled, wellMatchedViews, type LossCase } from "./cases";
import { pretrainingCheck } from "./pretraining-check";
import { lossWith, numericGradients } from "./reference";

export const CANARY = "unlabeled-hidden-simclr-nt-xent-checks";

const LIMITS = { wallSeconds: 10, cpuSeconds: 20, memoryMb: 512 };

/** The scalar a call returned, or why it is not one. */
export function scalarOf(value: HostValue): number | string {
  if (!(value instanceof HostTensor)) return "ntXentLoss must return a tf.Scalar tensor";
  if (value.size !== 1) return `ntXentLoss must return a scalar, got a tensor of shape [${value.shape.join(", ")}]`;
  const v = value.data[0] as number;
  return Number.isFinite(v) ? v : `ntXentLoss returned ${v}`;
}

function callsOf(cases: LossCase[]) {
  return { export: "ntXentLoss", calls: cases.map((c) => ({ args: [c.z1, c.z2, c.temperature] as HostValue[] })) };
}

/** The numbers returned, or the first reason one is not a finite scalar. */
function numbersOf(output: { calls: Array<{ value: HostValue }> }, count: number): number[] | string {
  const got = output.calls.map((c) => scalarOf(c.value));
  const bad = got.find((v) => typeof v === "string");
  if (typeof bad === "string") return bad;
  if (got.length < count) return "missing results";
  return got as number[];
}

const matchesReference = defineCheck({
  id: "matches-reference",
  title: "Agrees with the reference NT-Xent loss",
  visibility: "visible",
  limits: LIMITS,
  task: "call",
  prepare: (ctx) => {
    const cases = randomCases(ctx.rng, 12);
    return { input: callsOf(cases), hidden: cases };
  },
  score: (output, cases): CheckScore => {
    const nums = numbersOf(output, cases.length);
    if (typeof nums === "string") return { fraction: 0, feedback: nums };
    const right = cases.filter((c, i) => near(nums[i]!, referenceOf(c))).length;
    const summary = `${right} of ${cases.length} losses agree with the reference within 1e-4.`;
    if (right === cases.length) return { fraction: 1, feedback: summary };
    const mistake = diagnose(nums, cases);
    return { fraction: right / cases.length / 2, passed: false, feedback: mistake ? `${summary} It looks like ${mistake}.` : summary };
  },
});

const symmetry = defineCheck({
  id: "symmetry",
  title: "Treats the two views symmetrically",
  visibility: "visible",
  limits: LIMITS,
  task: "call",
  prepare: (ctx) => {
    const cases = randomCases(ctx.rng, 5).flatMap((c) => [c, { ...c, z1: c.z2, z2: c.z1 }]);
    return { input: callsOf(cases), hidden: null };
  },
  score: (output): CheckScore => {
    const nums = numbersOf(output, 10);
    if (typeof nums === "string") return { fraction: 0, feedback: nums };
    for (let i = 0; i + 1 < nums.length; i += 2) {
      if (!near(nums[i]!, nums[i + 1]!)) {
        return { fraction: 0, feedback: "ntXentLoss(z1, z2) differs from ntXentLoss(z2, z1): only one direction is used? Every one of the 2N projections is an anchor, z2's rows as well as z1's, and the loss is the mean over all 2N." };
      }
    }
    return { fraction: 1, feedback: "Swapping the two views leaves the loss unchanged." };
  },
});

const scaleInvariance = defineCheck({
  id: "scale-invariance",
  title: "Ignores the length of the projections",
  visibility: "visible",
  limits: LIMITS,
  task: "call",
  prepare: (ctx) => {
    const cases = randomCases(ctx.rng, 4).flatMap((c) => [c, { ...c, z1: rescaled(c.z1, ctx.rng) }, { ...c, z2: rescaled(c.z2, ctx.rng) }]);
    return { input: callsOf(cases), hidden: null };
  },
  score: (output): CheckScore => {
    const nums = numbersOf(output, 12);
    if (typeof nums === "string") return { fraction: 0, feedback: nums };
    for (let i = 0; i + 2 < nums.length; i += 3) {
      if (!near(nums[i]!, nums[i + 1]!) || !near(nums[i]!, nums[i + 2]!)) {
        return { fraction: 0, feedback: "The loss changed when rows were multiplied by positive factors: the projections are not L2-normalised? Divide each row by its length before the dot products (cosine similarity)." };
      }
    }
    return { fraction: 1, feedback: "Multiplying rows of either view by positive factors leaves the loss unchanged." };
  },
});

const TEMPERATURES = [0.02, 0.05, 0.1, 0.3, 1, 3, 10];

const temperature = defineCheck({
  id: "temperature",
  title: "Responds correctly to the temperature",
  visibility: "visible",
  limits: LIMITS,
  task: "call",
  prepare: (ctx) => {
    const { z1, z2 } = wellMatchedViews(ctx.rng, 5, 8, 0.2);
    const cases = TEMPERATURES.map((t) => ({ z1, z2, temperature: t }));
    return { input: callsOf(cases), hidden: cases };
  },
  score: (output, cases): CheckScore => {
    const nums = numbersOf(output, cases.length);
    if (typeof nums === "string") return { fraction: 0, feedback: nums };
    // Non-decreasing within float32 rounding (a correct float32 loss can be exactly 0 at the two lowest
    // temperatures), and clearly higher at the top than at the bottom.
    const rising = nums.every((v, i) => i === 0 || v >= nums[i - 1]! - 1e-6 * (1 + Math.abs(nums[i - 1]!))) && nums[nums.length - 1]! > nums[0]! + 1e-3;
    const falling = nums.every((v, i) => i === 0 || v < nums[i - 1]!);
    const flat = nums.every((v) => near(v, nums[0]!, 1e-5));
    const mistake = rising ? null : diagnose(nums, cases);
    if (mistake) return { fraction: 0, feedback: `For views that match well the loss should grow with the temperature (a lower temperature sharpens the softmax); yours does not. It looks like ${mistake}.` };
    if (flat) return { fraction: 0, feedback: "The loss does not change with the temperature: divide the cosine similarities by it." };
    if (falling) return { fraction: 0, feedback: "For views that match well the loss should grow with the temperature (a lower temperature sharpens the softmax); yours falls: the similarities are multiplied by the temperature instead of divided by it?" };
    if (!rising) return { fraction: 0, feedback: "For views that match well the loss should grow steadily with the temperature; yours does not." };
    const right = cases.filter((c, i) => near(nums[i]!, referenceOf(c))).length;
    if (right < cases.length) {
      const named = diagnose(nums, cases);
      const text = `The loss grows with the temperature, but ${cases.length - right} of ${cases.length} values disagree with the reference.`;
      return { fraction: 0.5, passed: false, feedback: named ? `${text} It looks like ${named}.` : text };
    }
    return { fraction: 1, feedback: `The loss grows with the temperature and agrees with the reference at all ${cases.length} temperatures (0.02 to 10).` };
  },
});

/** N = 1: each anchor's only candidate is its other view, so the loss is exactly 0 (up to float32 rounding). */
const ONE_TOLERANCE = 1e-6;

const batchSizes = defineCheck({
  id: "batch-sizes",
  title: "Handles batches of one and two images",
  visibility: "visible",
  limits: LIMITS,
  task: "call",
  prepare: (ctx) => {
    const ones = [[3, 0.05], [8, 0.5], [2, 2]].map(([dim, t]) => {
      const z1 = randomProjections(1, dim!, ctx.rng);
      return { z1, z2: randomProjections(1, dim!, ctx.rng, z1, 0.5), temperature: t! };
    });
    const twos = [[4, 0.1], [6, 1]].map(([dim, t]) => {
      const z1 = randomProjections(2, dim!, ctx.rng);
      return { z1, z2: randomProjections(2, dim!, ctx.rng, z1, 0.5), temperature: t! };
    });
    const cases = [...ones, ...twos];
    return { input: callsOf(cases), hidden: cases };
  },
  score: (output, cases): CheckScore => {
    const nums = numbersOf(output, cases.length);
    if (typeof nums === "string") return { fraction: 0, feedback: nums };
    const ones = cases.slice(0, 3);
    const off = ones.findIndex((_, i) => Math.abs(nums[i]!) > ONE_TOLERANCE);
    if (off !== -1) {
      const c = ones[off]!;
      const selfLeftIn = near(nums[off]!, lossWith(asEmbeddings(c.z1), asEmbeddings(c.z2), c.temperature, { maskSelf: false }), 1e-3);
      const why = selfLeftIn ? " The self-similarity is left in: mask each row's similarity with itself out of its softmax." : "";
      return { fraction: 0, feedback: `With N = 1 (one image, two views) each anchor's only candidate is its own positive, so the loss must be 0; yours is ${nums[off]!.toPrecision(4)}.${why}` };
    }
    const twos = cases.slice(3);
    const wrong = twos.findIndex((c, i) => !near(nums[3 + i]!, referenceOf(c)));
    if (wrong !== -1) {
      const named = diagnose(nums.slice(3), twos);
      const why = named ? ` It looks like ${named}.` : " Is each anchor's positive its other view (i ↔ i + N), and are the negatives the 2N − 2 other rows of both views?";
      return { fraction: 0.5, passed: false, feedback: `The loss is 0 for N = 1, as it must be, but it disagrees with the reference for N = 2 (two images, four views).${why}` };
    }
    return { fraction: 1, feedback: "The loss is 0 for N = 1 and agrees with the reference for N = 2." };
  },
});

const gradients = defineCheck({
  id: "gradients",
  title: "Has finite, correct gradients",
  visibility: "hidden",
  limits: LIMITS,
  dependsOn: ["matches-reference"],
  task: "value-and-grads",
  prepare: (ctx) => {
    const cases = randomCases(ctx.rng, 4);
    cases[0]!.temperature = 0.02;
    cases[1] = { ...cases[1]!, z1: rescaled(cases[1]!.z1, ctx.rng) };
    return { input: { export: "ntXentLoss", calls: cases.map((c) => ({ args: [c.z1, c.z2, c.temperature] as HostValue[], wrt: [0, 1] })) }, hidden: cases };
  },
  score: (output, cases): CheckScore => {
    for (let i = 0; i < cases.length; i++) {
      const call = output.calls[i];
      if (!call) return { fraction: 0, feedback: "missing results" };
      if (call.gradError || !call.grads) {
        return { fraction: 0, feedback: `TF.js could not differentiate the loss (case ${i + 1}): build it from tf operations on the input tensors only (no dataSync/arraySync/new tensors from copied values). TF.js said: ${call.gradError ?? "no gradients"}` };
      }
      const c = cases[i]!;
      const expected = numericGradients(asEmbeddings(c.z1), asEmbeddings(c.z2), c.temperature);
      for (const [which, name] of [[0, "z1"], [1, "z2"]] as const) {
        const g = call.grads[which];
        if (!(g instanceof HostTensor) || g.size !== expected[which].length) return { fraction: 0, feedback: `no gradient of the right shape reached ${name} (case ${i + 1})` };
        const data = g.data as Float32Array;
        if (!data.every(Number.isFinite)) return { fraction: 0, feedback: `the gradient with respect to ${name} is not finite (case ${i + 1}, temperature ${c.temperature}): mask the diagonal with a large finite negative number (not -Infinity) and use a stable log-softmax (tf.logSoftmax or tf.losses.softmaxCrossEntropy)` };
        if (data.every((v) => v === 0)) return { fraction: 0, feedback: `no gradient flows to ${name} (case ${i + 1}): is that view detached from the graph?` };
        const scale = Math.max(...expected[which].map(Math.abs), 1e-6);
        const bad = data.findIndex((v, k) => Math.abs(v - expected[which][k]!) > 2e-3 * scale + 1e-4);
        if (bad !== -1) return { fraction: 0, feedback: `the gradient with respect to ${name} disagrees with the loss's true derivative (case ${i + 1}): is the normalisation or another part of the computation done outside the graph?` };
      }
    }
    return { fraction: 1, feedback: `Gradients with respect to both views are finite and correct in all ${cases.length} cases.` };
  },
});

export const checks: AnyCheck[] = [
  publicTestsCheck({ title: "Public tests (informational)", limits: LIMITS }),
  matchesReference,
  symmetry,
  scaleInvariance,
  temperature,
  batchSizes,
  gradients,
  pretrainingCheck,
];
