/** Hidden: the checks of autoencoder. The sandbox builds and runs the student's models; verdicts are made here. */
import { defineCheck, HostTensor, publicTestsCheck, normal, getSplit, type AnyCheck, type CheckScore } from "@unlabeled/sdk";
import { autoencoderDecodeSeededSchema, autoencoderInspectSchema, type AutoencoderOutput, type InspectedModels } from "../task";
import { reconstruction } from "./reconstruction-check";
import autoencoderTask from "../task";

export const CANARY = "unlabeled-hidden-autoencoder-checks";

const UNIT = { wallSeconds: 15, cpuSeconds: 30, memoryMb: 1024 };
const LATENT_DIMS = [2, 16, 32];
const IMAGES = 6;
/** Encoder plus decoder at latentDim 16 (the reference, a 784-128-16-128-784 MLP, has about 205k). */
export const PARAMETER_BUDGET = 300_000;

type Built = Extract<InspectedModels, { error: null }>;

function inspectInput(rng: () => number, seed: number) {
  const gauss = normal(rng);
  const digits = getSplit("validation");
  return {
    mode: "inspect" as const,
    seed,
    cases: LATENT_DIMS.map((latentDim) => ({
      latentDim,
      images: new HostTensor("float32", [IMAGES, 28, 28, 1], digits.images.slice(0, IMAGES * 784)),
      // Large and small codes: a decoder's output must stay in [0, 1] for any latent.
      latents: new HostTensor("float32", [IMAGES, latentDim], Float32Array.from({ length: IMAGES * latentDim }, (_, i) => gauss() * (i < latentDim ? 20 : 2))),
    })),
  };
}

function inspected(output: AutoencoderOutput): InspectedModels[] | null {
  const parsed = autoencoderInspectSchema.safeParse(output);
  return parsed.success && parsed.data.cases.length === LATENT_DIMS.length ? parsed.data.cases : null;
}

const shapeText = (shapes: Array<Array<number | null>>) => shapes.map((s) => `[${s.map((d) => d ?? "batch").join(", ")}]`).join(", ");

function shapeProblems(d: number, r: Built): string[] {
  const problems: string[] = [];
  const is = (shapes: Array<Array<number | null>>, want: number[]) => shapes.length === 1 && shapes[0]!.slice(1).join() === want.join();
  if (!is(r.encoderInputs, [28, 28, 1])) problems.push(`buildEncoder(${d}) takes ${shapeText(r.encoderInputs)}; it must take one input of shape [batch, 28, 28, 1]`);
  if (!is(r.encoderOutputs, [d])) problems.push(`buildEncoder(${d}) outputs ${shapeText(r.encoderOutputs)}; it must output [batch, ${d}] (use latentDim, do not hard-code it)`);
  if (!is(r.decoderInputs, [d])) problems.push(`buildDecoder(${d}) takes ${shapeText(r.decoderInputs)}; it must take one input of shape [batch, ${d}]`);
  if (!is(r.decoderOutputs, [28, 28, 1])) {
    const flat = r.decoderOutputs.length === 1 && r.decoderOutputs[0]!.slice(1).join() === "784";
    problems.push(`buildDecoder(${d}) outputs ${shapeText(r.decoderOutputs)}; it must output [batch, 28, 28, 1]${flat ? " (reshape the 784 values to [28, 28, 1])" : ""}`);
  }
  return problems;
}

function rangeProblem(d: number, decoded: HostTensor): string | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of decoded.data as Float32Array) {
    if (Number.isNaN(v)) return `buildDecoder(${d}) produced NaN`;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo >= 0 && hi <= 1) return null;
  return `buildDecoder(${d}) produced values in [${lo.toPrecision(3)}, ${hi.toPrecision(3)}] for some latents; pixel values must stay in [0, 1] (end the decoder with a sigmoid)`;
}

const shapes = defineCheck({
  id: "shapes-and-range",
  title: "Encoder [28, 28, 1] → [latentDim], decoder [latentDim] → [28, 28, 1] with values in [0, 1]",
  visibility: "visible",
  limits: UNIT,
  task: autoencoderTask,
  prepare: (ctx) => ({ input: inspectInput(ctx.rng, ctx.seed), hidden: null }),
  score(output): CheckScore {
    const cases = inspected(output);
    if (!cases) return { fraction: 0, feedback: "the runner returned no result for some latent sizes" };
    const problems = LATENT_DIMS.flatMap((d, i) => {
      const r = cases[i]!;
      if (r.error !== null) return [`latentDim ${d}: ${r.error}`];
      const p = shapeProblems(d, r);
      const range = p.length === 0 ? rangeProblem(d, r.decoded) : null;
      return range ? [...p, range] : p;
    });
    if (problems.length === 0) return { fraction: 1, feedback: `Shapes and value ranges are right for latentDim ${LATENT_DIMS.join(", ")}.` };
    return { fraction: 0, feedback: problems.slice(0, 6).join("\n") };
  },
});

function sameValues(a: HostTensor, b: HostTensor): boolean {
  return a.size === b.size && a.data.every((v, i) => Math.abs((v as number) - (b.data[i] as number)) <= 1e-5);
}

/** Largest difference between decoded rows: a decoder that ignores its input gives the same image for all latents. */
function rowSpread(t: HostTensor): number {
  const row = t.size / t.shape[0]!;
  let spread = 0;
  for (let r = 1; r < t.shape[0]!; r++) {
    for (let j = 0; j < row; j++) spread = Math.max(spread, Math.abs((t.data[r * row + j] as number) - (t.data[j] as number)));
  }
  return spread;
}

interface BottleneckHidden {
  /** The latents of the first run, decoded again in a fresh process. */
  latents: Array<{ latentDim: number; latents: HostTensor }>;
  /** The first run's measurements (shapes, codes, decoded latents), kept while a fresh process decodes again. */
  first: InspectedModels[] | null;
}

const bottleneck = defineCheck({
  id: "bottleneck",
  title: "The decoder sees only the latent, and uses it",
  visibility: "visible",
  limits: UNIT,
  dependsOn: ["shapes-and-range"],
  task: autoencoderTask,
  prepare: (ctx) => {
    const input = inspectInput(ctx.rng, ctx.seed);
    const hidden: BottleneckHidden = { latents: input.cases.map((c) => ({ latentDim: c.latentDim, latents: c.latents })), first: null };
    return { input, hidden };
  },
  // The same seeded decoder in a fresh process, where no image was ever encoded: the latent must be all it needs.
  next(output, hidden, ctx, stage) {
    const cases = stage === 1 ? inspected(output) : null;
    if (!cases) return null;
    return { input: { mode: "decode-seeded" as const, seed: ctx.seed, cases: hidden.latents }, hidden: { ...hidden, first: cases } };
  },
  score(output, hidden): CheckScore {
    const cases = hidden.first;
    const again = autoencoderDecodeSeededSchema.safeParse(output);
    if (!cases || !again.success || again.data.again.length !== LATENT_DIMS.length) return { fraction: 0, feedback: "the runner returned no result for some latent sizes" };
    const problems = LATENT_DIMS.flatMap((d, i) => {
      const r = cases[i]!;
      const second = again.data.again[i]!;
      if (r.error !== null) return [`latentDim ${d}: ${r.error}`];
      if (r.sharedWeights > 0) return [`latentDim ${d}: the decoder shares ${r.sharedWeights} weight tensors with the encoder; build separate layers`];
      if (second.error !== null) return [`latentDim ${d}: ${second.error}`];
      if (!sameValues(r.decoded, second.decoded)) return [`latentDim ${d}: the decoder gave different images for the same latents in a fresh process that had encoded nothing: it must see only the latent (no state shared with the encoder, no randomness at inference)`];
      if (rowSpread(r.decoded) < 1e-4) return [`latentDim ${d}: the decoder gives the same image for every latent: its output must depend on its input`];
      return [];
    });
    if (problems.length === 0) return { fraction: 1, feedback: "The decoder's output depends only on the latent it is given." };
    return { fraction: 0, feedback: problems.slice(0, 6).join("\n") };
  },
});

const budget = defineCheck({
  id: "parameter-budget",
  title: `At most ${PARAMETER_BUDGET.toLocaleString("en")} parameters at latentDim 16`,
  visibility: "visible",
  limits: UNIT,
  dependsOn: ["shapes-and-range"],
  task: autoencoderTask,
  prepare: (ctx) => ({ input: inspectInput(ctx.rng, ctx.seed), hidden: null }),
  score(output): CheckScore {
    const r = inspected(output)?.[LATENT_DIMS.indexOf(16)];
    if (!r || r.error !== null) return { fraction: 0, feedback: `the models for latentDim 16 could not be built${r?.error ? `: ${r.error}` : ""}` };
    const total = r.encoderParams + r.decoderParams;
    const text = `Encoder ${r.encoderParams.toLocaleString("en")} + decoder ${r.decoderParams.toLocaleString("en")} = ${total.toLocaleString("en")} parameters`;
    if (total <= PARAMETER_BUDGET) return { fraction: 1, feedback: `${text}, within the budget of ${PARAMETER_BUDGET.toLocaleString("en")}.` };
    return { fraction: 0, feedback: `${text}: over the parameter budget of ${PARAMETER_BUDGET.toLocaleString("en")}; use fewer or narrower layers.` };
  },
});

export const checks: AnyCheck[] = [
  publicTestsCheck({ title: "Public tests (informational)", limits: UNIT }),
  shapes,
  bottleneck,
  budget,
  reconstruction,
];
