/** Hidden: the checks of clip-contrastive. Inputs go to the sandbox; reference losses are computed here only. */
import { defineCheck, HostTensor, publicTestsCheck, type AnyCheck, type CheckScore, type HostValue } from "@unlabeled/sdk";
import { asEmbeddings, diagnose, near, randomCases, randomEmbeddings, referenceOf, rescaled, wellMatchedPair, type LossCase } from "./cases";
import { numericGradients } from "./reference";
import { zeroShotCheck } from "./zero-shot-check";

export const CANARY = "unlabeled-hidden-clip-contrastive-checks";

const LIMITS = { wallSeconds: 10, cpuSeconds: 20, memoryMb: 512 };

/** The scalar a call returned, or why it is not one. */
export function scalarOf(value: HostValue): number | string {
  if (!(value instanceof HostTensor)) return "clipLoss must return a tf.Scalar tensor";
  if (value.size !== 1) return `clipLoss must return a scalar, got a tensor of shape [${value.shape.join(", ")}]`;
  const v = value.data[0] as number;
  return Number.isFinite(v) ? v : `clipLoss returned ${v}`;
}

function callsOf(cases: LossCase[]) {
  return { export: "clipLoss", calls: cases.map((c) => ({ args: [c.image, c.text, c.temperature] as HostValue[] })) };
}

function values(output: { calls: Array<{ value: HostValue }> }): Array<number | string> {
  return output.calls.map((c) => scalarOf(c.value));
}

const matchesReference = defineCheck({
  id: "matches-reference",
  title: "Agrees with the reference CLIP loss",
  visibility: "visible",
  limits: LIMITS,
  task: "call",
  prepare: (ctx) => {
    const cases = randomCases(ctx.rng, 12);
    return { input: callsOf(cases), hidden: cases };
  },
  score: (output, cases): CheckScore => {
    const got = values(output);
    const bad = got.find((v) => typeof v === "string");
    if (typeof bad === "string") return { fraction: 0, feedback: bad };
    const nums = got as number[];
    const right = cases.filter((c, i) => near(nums[i]!, referenceOf(c))).length;
    const summary = `${right} of ${cases.length} losses agree with the reference within 1e-4.`;
    if (right === cases.length) return { fraction: 1, feedback: summary };
    const mistake = diagnose(nums, cases);
    return { fraction: right / cases.length / 2, passed: false, feedback: mistake ? `${summary} It looks like ${mistake}.` : summary };
  },
});

const rescaling = defineCheck({
  id: "rescaling",
  title: "Ignores the length of the embeddings",
  visibility: "visible",
  limits: LIMITS,
  task: "call",
  prepare: (ctx) => {
    const cases = randomCases(ctx.rng, 4).flatMap((c) => [c, { ...c, image: rescaled(c.image, ctx.rng) }, { ...c, text: rescaled(c.text, ctx.rng) }]);
    return { input: callsOf(cases), hidden: null };
  },
  score: (output): CheckScore => {
    const got = values(output);
    for (let i = 0; i < got.length; i += 3) {
      const [a, b, c] = got.slice(i, i + 3);
      if (typeof a === "string" || typeof b === "string" || typeof c === "string") return { fraction: 0, feedback: [a, b, c].find((v) => typeof v === "string") as string };
      if (!near(a!, b!) || !near(a!, c!)) {
        return { fraction: 0, feedback: "The loss changed when rows of one embedding matrix were multiplied by positive factors: L2-normalise both embeddings (each row to length 1) before the dot products." };
      }
    }
    return { fraction: 1, feedback: "Rescaling rows of either embedding matrix leaves the loss unchanged." };
  },
});

const symmetry = defineCheck({
  id: "symmetry",
  title: "Treats images and texts symmetrically",
  visibility: "visible",
  limits: LIMITS,
  task: "call",
  prepare: (ctx) => {
    const cases = randomCases(ctx.rng, 5).flatMap((c) => [c, { ...c, image: c.text, text: c.image }]);
    return { input: callsOf(cases), hidden: null };
  },
  score: (output): CheckScore => {
    const got = values(output);
    for (let i = 0; i < got.length; i += 2) {
      const [a, b] = got.slice(i, i + 2);
      if (typeof a === "string" || typeof b === "string") return { fraction: 0, feedback: (typeof a === "string" ? a : b) as string };
      if (!near(a!, b!)) {
        return { fraction: 0, feedback: "clipLoss(image, text) differs from clipLoss(text, image): average the cross-entropy over rows (image → text) and over columns (text → image)." };
      }
    }
    return { fraction: 1, feedback: "Swapping the image and text embeddings leaves the loss unchanged." };
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
    const { image, text } = wellMatchedPair(ctx.rng, 6, 8, 0.2);
    const cases = TEMPERATURES.map((t) => ({ image, text, temperature: t }));
    return { input: callsOf(cases), hidden: cases };
  },
  score: (output, cases): CheckScore => {
    const got = values(output);
    const bad = got.find((v) => typeof v === "string");
    if (typeof bad === "string") return { fraction: 0, feedback: bad };
    const nums = got as number[];
    // Non-decreasing within float32 rounding (at the lowest temperatures the loss of a correct float32 loss can be
    // exactly 0 at two neighbouring temperatures), and clearly higher at the top than at the bottom.
    const rising = nums.every((v, i) => i === 0 || v >= nums[i - 1]! - 1e-6 * (1 + Math.abs(nums[i - 1]!))) && nums[nums.length - 1]! > nums[0]! + 1e-3;
    const falling = nums.every((v, i) => i === 0 || v < nums[i - 1]!);
    const flat = nums.every((v) => near(v, nums[0]!, 1e-5));
    if (flat) return { fraction: 0, feedback: "The loss does not change with the temperature: divide the logits by it." };
    if (falling) return { fraction: 0, feedback: "For well-matched pairs the loss should grow with the temperature (a lower temperature sharpens the softmax); yours falls: the logits are multiplied by the temperature instead of divided by it?" };
    if (!rising) return { fraction: 0, feedback: "For well-matched pairs the loss should grow steadily with the temperature; yours does not." };
    const right = cases.filter((c, i) => near(nums[i]!, referenceOf(c))).length;
    if (right < cases.length) return { fraction: 0.5, passed: false, feedback: `The loss grows with the temperature, but ${cases.length - right} of ${cases.length} values disagree with the reference.` };
    return { fraction: 1, feedback: `The loss grows with the temperature and agrees with the reference at all ${cases.length} temperatures (0.02 to 10).` };
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
    cases[1] = { ...cases[1]!, image: rescaled(cases[1]!.image, ctx.rng) };
    return { input: { export: "clipLoss", calls: cases.map((c) => ({ args: [c.image, c.text, c.temperature] as HostValue[], wrt: [0, 1] })) }, hidden: cases };
  },
  score: (output, cases): CheckScore => {
    for (let i = 0; i < cases.length; i++) {
      const call = output.calls[i];
      if (!call) return { fraction: 0, feedback: "missing results" };
      if (call.gradError || !call.grads) {
        return { fraction: 0, feedback: `TF.js could not differentiate the loss (case ${i + 1}): build it from tf operations on the input tensors only (no dataSync/arraySync/new tensors from copied values). TF.js said: ${call.gradError ?? "no gradients"}` };
      }
      const c = cases[i]!;
      const expected = numericGradients(asEmbeddings(c.image), asEmbeddings(c.text), c.temperature);
      for (const [which, name] of [[0, "image"], [1, "text"]] as const) {
        const g = call.grads[which];
        if (!(g instanceof HostTensor) || g.size !== expected[which].length) return { fraction: 0, feedback: `no gradient of the right shape reached the ${name} embeddings (case ${i + 1})` };
        const data = g.data as Float32Array;
        if (!data.every(Number.isFinite)) return { fraction: 0, feedback: `the gradient with respect to the ${name} embeddings is not finite (case ${i + 1}, temperature ${c.temperature}): use a numerically stable log-softmax (e.g. tf.losses.softmaxCrossEntropy or tf.logSoftmax)` };
        if (data.every((v) => v === 0)) return { fraction: 0, feedback: `no gradient flows to the ${name} embeddings (case ${i + 1}): is that branch detached from the graph?` };
        const scale = Math.max(...expected[which].map(Math.abs), 1e-6);
        const off = data.findIndex((v, k) => Math.abs(v - expected[which][k]!) > 2e-3 * scale + 1e-4);
        if (off !== -1) return { fraction: 0, feedback: `the gradient with respect to the ${name} embeddings disagrees with the loss's true derivative (case ${i + 1}): is the normalisation or another part of the computation done outside the graph?` };
      }
    }
    return { fraction: 1, feedback: `Gradients with respect to both embeddings are finite and correct in all ${cases.length} cases.` };
  },
});

export const checks: AnyCheck[] = [
  publicTestsCheck({ title: "Public tests (informational)", limits: LIMITS }),
  matchesReference,
  rescaling,
  symmetry,
  temperature,
  gradients,
  zeroShotCheck,
];
