/** Hidden: the checks of ssl-pretext. Images go to the sandbox; geometry and statistics are judged here. */
import { defineCheck, RngArg, publicTestsCheck, enoughDraws, deriveSeed, type AnyCheck, type CheckScore, type HostValue } from "@unlabeled/sdk";
import { judgeRotations, randomImages, readResult } from "./cases";
import { pretrainingCheck } from "./pretraining-check";

export const CANARY = "unlabeled-hidden-ssl-pretext-checks";

const LIMITS = { wallSeconds: 10, cpuSeconds: 20, memoryMb: 512 };
const SHAPES: Array<[number, number, number]> = [[8, 5, 1], [6, 4, 3], [1, 7, 2], [16, 6, 1], [12, 3, 1]];

const rotations = defineCheck({
  id: "rotations",
  title: "Rotates each image as its label says",
  visibility: "visible",
  limits: LIMITS,
  task: "call",
  prepare: (ctx) => {
    const batches = SHAPES.map(([n, side, c]) => randomImages(n, side, c, ctx.rng));
    const calls = batches.map((images, i) => ({ args: [images, new RngArg(deriveSeed(ctx.seed, "rotations", i))] as HostValue[] }));
    return { input: { export: "makeRotationTask", calls }, hidden: batches };
  },
  score: (output, batches): CheckScore => {
    let right = 0;
    const problems: string[] = [];
    batches.forEach((images, i) => {
      const shape = `[${images.shape.join(", ")}]`;
      const result = readResult(output.calls[i]?.value ?? null, images);
      if (typeof result === "string") return problems.push(`batch ${shape}: ${result}`);
      const verdict = judgeRotations(images, result);
      if (verdict.ok) right++;
      else problems.push(`batch ${shape}: ${verdict.feedback}`);
    });
    const summary = `${right} of ${batches.length} batches are rotated and labelled correctly.`;
    return { fraction: right / batches.length, passed: right === batches.length, feedback: [summary, ...problems.slice(0, 3)].join("\n") };
  },
});

const BALANCE_N = 2000;
/** Allowed deviation of a class count from N/4: sd = √(N·¼·¾) ≈ 19.4, so 100 is z ≈ 5.2 (false alarm < 1e-6). */
const CLASS_TOLERANCE = 100;
/** Allowed deviation of a (k of image 2i, k of image 2i+1) cell from 1000/16 = 62.5: sd ≈ 7.7, so 46 is z ≈ 6. */
const PAIR_TOLERANCE = 46;

function labelsOf(value: HostValue | undefined, images: ReturnType<typeof randomImages>): number[] | string {
  const result = readResult(value ?? null, images);
  return typeof result === "string" ? result : Array.from(result.y.data as Int32Array);
}

interface BalanceHidden {
  images: ReturnType<typeof randomImages>;
  seed: number;
  /** The first run's values (seed a, then seed b) and the numbers the seed-a call drew. */
  first: HostValue[];
  draws: number;
}

const balanceArgs = (images: ReturnType<typeof randomImages>, seed: number) => ({ args: [images, new RngArg(seed)] as HostValue[] });

const labelBalance = defineCheck({
  id: "label-balance",
  title: "Draws k uniformly and independently per image from rng",
  visibility: "visible",
  limits: LIMITS,
  dependsOn: ["rotations"],
  task: "call",
  prepare: (ctx) => {
    const images = randomImages(BALANCE_N, 2, 1, ctx.rng);
    const a = deriveSeed(ctx.seed, "balance", "a");
    const hidden: BalanceHidden = { images, seed: a, first: [], draws: 0 };
    return { input: { export: "makeRotationTask", calls: [balanceArgs(images, a), balanceArgs(images, deriveSeed(ctx.seed, "balance", "b"))] }, hidden };
  },
  // The first seed again, in a fresh process whose Math.random is seeded differently.
  next: (output, hidden, ctx, stage) =>
    stage === 1
      ? {
          input: { export: "makeRotationTask", calls: [balanceArgs(hidden.images, hidden.seed)] },
          hidden: { ...hidden, first: output.calls.map((c) => c.value), draws: output.calls[0]?.draws ?? 0 },
          runnerSeed: deriveSeed(ctx.seed, "balance", "again"),
        }
      : null,
  score: (output, hidden): CheckScore => {
    const images = hidden.images;
    const [first, other] = hidden.first.map((v) => labelsOf(v, images));
    const again = labelsOf(output.calls[0]?.value, images);
    for (const v of [first, again, other]) if (typeof v === "string" || v === undefined) return { fraction: 0, feedback: v ?? "missing results" };
    const [y, y2, y3] = [first, again, other] as number[][];
    if (new Set(y).size === 1) return { fraction: 0, feedback: `all ${BALANCE_N} images got the same k: draw k independently for each image` };
    const counts = [0, 1, 2, 3].map((k) => y!.filter((v) => v === k).length);
    const missing = counts.findIndex((c) => c === 0);
    if (missing !== -1) return { fraction: 0, feedback: `k = ${missing} never occurs in ${BALANCE_N} images: k must be uniform in {0, 1, 2, 3} (e.g. Math.floor(rng() * 4))` };
    const off = counts.findIndex((c) => Math.abs(c - BALANCE_N / 4) > CLASS_TOLERANCE);
    if (off !== -1) return { fraction: 0, feedback: `the labels are unbalanced (k = ${off} occurs ${counts[off]} times in ${BALANCE_N} images): k must be uniform in {0, 1, 2, 3}` };
    const cells = new Array<number>(16).fill(0);
    for (let i = 0; i + 1 < y!.length; i += 2) cells[y![i]! * 4 + y![i + 1]!]!++;
    if (cells.some((c) => Math.abs(c - BALANCE_N / 2 / 16) > PAIR_TOLERANCE)) {
      return { fraction: 0, feedback: "neighbouring images' labels depend on each other (e.g. a repeating pattern or one k per chunk): draw k independently for each image" };
    }
    if (y!.some((v, i) => v !== y2![i])) return { fraction: 0, feedback: "the same rng seed gave different labels when run again in a fresh process: draw k only from the rng argument, never from Math.random, and keep no state between calls" };
    if (y!.every((v, i) => v === y3![i])) return { fraction: 0, feedback: "two different rng seeds gave identical labels: draw k from the rng argument" };
    const draws = enoughDraws(hidden.draws, 2 * BALANCE_N, "draws");
    if (!draws.ok) return { fraction: 0, feedback: `${draws.line}; draw k for each image from rng (e.g. Math.floor(rng() * 4))` };
    return { fraction: 1, feedback: `Labels are balanced (${counts.join(", ")} of ${BALANCE_N}), independent between neighbours and reproducible from rng.` };
  },
});

const keepsInput = defineCheck({
  id: "keeps-input",
  title: "Leaves its input intact",
  visibility: "visible",
  limits: LIMITS,
  dependsOn: ["rotations"],
  task: "call",
  prepare: (ctx) => {
    const calls = SHAPES.slice(0, 3).map(([n, side, c], i) => ({ args: [randomImages(n, side, c, ctx.rng), new RngArg(deriveSeed(ctx.seed, "keep", i))] as HostValue[] }));
    return { input: { export: "makeRotationTask", calls }, hidden: null };
  },
  score: (output): CheckScore => {
    const disposed = output.calls.findIndex((c) => c.inputsDisposed);
    if (disposed !== -1) return { fraction: 0, feedback: `call ${disposed + 1} disposed its input images; they belong to the caller` };
    return { fraction: 1, feedback: "The input images were left intact." };
  },
});

export const checks: AnyCheck[] = [
  publicTestsCheck({ title: "Public tests (informational)", limits: LIMITS }),
  rotations,
  labelBalance,
  keepsInput,
  pretrainingCheck,
];
