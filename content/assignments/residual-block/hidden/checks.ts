/** Hidden: the checks of residual-block. The sandbox builds graphs from the student's block; verdicts are made here. */
import { defineCheck, HostTensor, publicTestsCheck, type AnyCheck, type CheckScore } from "@unlabeled/sdk";
import { residualGradientSchema, residualInspectSchema, type InspectedCase, type ResidualBlockOutput } from "../task";
import {
  convsOf, describeCase, excess, expectedShape, isBuilt, isIdentity, maxAbs, minValue, randomInput, relu, SHAPE_CASES,
  type BlockCase, type BuiltCase,
} from "./cases";
import { trainsOnDigits } from "./training-check";
import residualBlockTask from "../task";

export const CANARY = "unlabeled-hidden-residual-block-checks";

const UNIT = { wallSeconds: 10, cpuSeconds: 20, memoryMb: 1024 };
const BATCH = 2;
const PROJECTION_HINT = "when the stride or the number of channels changes, the shortcut must be a 1×1 convolution with the same stride (a projection)";

function inspectInput(rng: () => number) {
  return {
    mode: "inspect" as const,
    cases: SHAPE_CASES.map((c) => ({
      x: randomInput([BATCH, c.height, c.width, c.channels], rng),
      filters: c.filters,
      ...(c.stride === undefined ? {} : { stride: c.stride }),
    })),
  };
}

function inspected(output: ResidualBlockOutput) {
  const parsed = residualInspectSchema.safeParse(output);
  return parsed.success && parsed.data.cases.length === SHAPE_CASES.length ? parsed.data.cases : null;
}

/** Scores one problem list: all cases right or no points (a block that is wrong anywhere is wrong). */
function summary(problems: string[], total: number, good: string): CheckScore {
  const right = total - problems.length;
  if (problems.length === 0) return { fraction: 1, feedback: good };
  return { fraction: 0, feedback: `${right} of ${total} cases are right.\n${problems.slice(0, 6).join("\n")}` };
}

function shapeProblem(c: BlockCase, r: InspectedCase): string | null {
  const call = describeCase(c);
  if (!isBuilt(r)) return `${call} failed: ${r.error}${isIdentity(c) ? "" : ` — ${PROJECTION_HINT}`}`;
  const want = expectedShape(c, BATCH);
  const got = r.output.shape;
  if (got.join() === want.join()) return null;
  const spatial = got.length === 4 && (got[1] !== want[1] || got[2] !== want[2]);
  const hint = spatial
    ? "the spatial size must be ceil(size / stride): use padding 'same' and put the stride on the first convolution"
    : `the block must output \`filters\` channels`;
  return `${call} gave shape [${got.join(", ")}] instead of [${want.join(", ")}]: ${hint}`;
}

const outputShapes = defineCheck({
  id: "output-shapes",
  title: "Output shapes for several strides and channel counts",
  visibility: "visible",
  limits: UNIT,
  task: residualBlockTask,
  prepare: (ctx) => ({ input: inspectInput(ctx.rng), hidden: null }),
  score(output) {
    const cases = inspected(output);
    if (!cases) return { fraction: 0, feedback: "the runner returned no result for some cases" };
    const problems = SHAPE_CASES.map((c, i) => shapeProblem(c, cases[i]!)).filter((p): p is string => p !== null);
    return summary(problems, SHAPE_CASES.length, `All ${SHAPE_CASES.length} blocks have the right output shape.`);
  },
});

function skipProblem(c: BlockCase, r: BuiltCase, x: HostTensor): string | null {
  const call = describeCase(c);
  const { projections, adds } = convsOf(r);
  if (isIdentity(c) && projections.length > 0) return `${call}: input and output shapes match, so the shortcut must be the identity, but the block has a 1×1 convolution`;
  if (!isIdentity(c) && !r.projected) return `${call}: no 1×1 convolution found — ${PROJECTION_HINT}`;
  const expected = isIdentity(c) ? relu(x) : relu(r.projected!);
  if (excess(r.zeroed, expected, 1e-3, 5e-3) === 0) return null;
  const prefix = `${call}: with the weights of both 3×3 convolutions set to zero the output should be ReLU(shortcut(x))`;
  if (maxAbs(r.zeroed) < 1e-6) {
    return adds === 0
      ? `${prefix}, but it is all zeros: there is no skip connection (no tf.layers.add joining the shortcut to the residual branch)`
      : `${prefix}, but it is all zeros: the shortcut is added before the second convolution; add it after the second convolution, then apply the ReLU`;
  }
  if (minValue(r.zeroed) < -1e-6) return `${prefix}, but it has negative values: the final ReLU after the addition (residual + shortcut) is missing`;
  return `${prefix}, and it is not: the output must be ReLU(residual + shortcut)`;
}

const skipConnection = defineCheck({
  id: "skip-connection",
  title: "The skip is real: with the residual branch zeroed the block outputs ReLU(shortcut)",
  visibility: "visible",
  limits: UNIT,
  dependsOn: ["output-shapes"],
  task: residualBlockTask,
  prepare(ctx) {
    const input = inspectInput(ctx.rng);
    return { input, hidden: input.cases.map((c) => c.x) };
  },
  score(output, xs) {
    const cases = inspected(output);
    if (!cases) return { fraction: 0, feedback: "the runner returned no result for some cases" };
    const problems = SHAPE_CASES.map((c, i) => {
      const r = cases[i]!;
      return isBuilt(r) ? skipProblem(c, r, xs[i]!) : `${describeCase(c)} failed: ${r.error}`;
    }).filter((p): p is string => p !== null);
    return summary(problems, SHAPE_CASES.length, "In every case the zeroed block outputs ReLU(shortcut(x)): identity when shapes match, a 1×1 projection otherwise.");
  },
});

function structureProblem(c: BlockCase, r: BuiltCase, x: HostTensor): string | null {
  const call = describeCase(c);
  const { convs } = convsOf(r);
  if (convs.length !== 2) return `${call}: the residual branch needs exactly two 3×3 convolutions; found ${convs.length}`;
  const [first, second] = convs as [typeof convs[0], typeof convs[0]];
  if ([first, second].some((l) => (l.kernelSize ?? []).join() !== "3,3")) return `${call}: both convolutions of the residual branch must be 3×3`;
  const stride = c.stride ?? 1;
  if ((first.strides ?? [1, 1]).some((s) => s !== stride) || (second.strides ?? [1, 1]).some((s) => s !== 1)) {
    return `${call}: the stride belongs on the first 3×3 convolution; the second one has stride 1`;
  }
  if (first.filters !== c.filters || second.filters !== c.filters) return `${call}: both convolutions need \`filters\` output channels`;
  if (!isIdentity(c) || !r.probe) return null;
  // First convolution −identity, second +identity: with a ReLU between them the block gives ReLU(x); without, 0.
  if (excess(r.probe, relu(x), 2e-2, 2e-2) === 0) return null;
  return maxAbs(r.probe) < 1e-3
    ? `${call}: there is no ReLU between the two convolutions (with the first set to −identity and the second to +identity the block gave all zeros)`
    : `${call}: the activation between the two convolutions is not a ReLU (a probe with the first convolution set to −identity and the second to +identity gave the wrong values)`;
}

const branchStructure = defineCheck({
  id: "branch-structure",
  title: "Residual branch: 3×3 convolution (with the stride), ReLU, 3×3 convolution",
  visibility: "visible",
  limits: UNIT,
  dependsOn: ["skip-connection"],
  task: residualBlockTask,
  prepare(ctx) {
    const input = inspectInput(ctx.rng);
    return { input, hidden: input.cases.map((c) => c.x) };
  },
  score(output, xs) {
    const cases = inspected(output);
    if (!cases) return { fraction: 0, feedback: "the runner returned no result for some cases" };
    const problems = SHAPE_CASES.map((c, i) => {
      const r = cases[i]!;
      return isBuilt(r) ? structureProblem(c, r, xs[i]!) : `${describeCase(c)} failed: ${r.error}`;
    }).filter((p): p is string => p !== null);
    return summary(problems, SHAPE_CASES.length, "Every residual branch is conv 3×3 (stride) → ReLU → conv 3×3.");
  },
});

const DEPTH = 16;
/** A correct block keeps first/last within [1, 30] (measured); a plain stack drops to 1e-7–1e-2. */
const MIN_RATIO = 0.1;
const MAX_RATIO = 1e5;

const gradientFlow = defineCheck({
  id: "gradient-flow",
  title: `Gradients reach the first of ${DEPTH} stacked blocks`,
  visibility: "visible",
  limits: UNIT,
  dependsOn: ["skip-connection"],
  task: residualBlockTask,
  prepare: (ctx) => ({
    input: { mode: "gradient" as const, depth: DEPTH, filters: 8, x: randomInput([4, 8, 8, 8], ctx.rng), seed: ctx.seed },
    hidden: null,
  }),
  score(output) {
    const parsed = residualGradientSchema.safeParse(output);
    const norms = parsed.success ? parsed.data.norms : [];
    if (norms.length !== DEPTH || !norms.every((n) => Number.isFinite(n) && n > 0)) {
      return { fraction: 0, feedback: `the gradient norms through ${DEPTH} blocks are not finite and positive: ${norms.slice(0, 4).join(", ")}` };
    }
    const ratio = norms[0]! / norms[DEPTH - 1]!;
    const artifacts = [{
      kind: "curve" as const, name: "Gradient norm at each block's input", x_label: "block", y_label: "‖∂loss/∂input‖ (log10)",
      series: [{ name: "your block", x: norms.map((_, i) => i + 1), y: norms.map((n) => Math.log10(n)) }],
    }];
    const text = `The gradient at the first block's input is ${ratio.toPrecision(3)}× the one at the last block's.`;
    if (ratio < MIN_RATIO) return { fraction: 0, feedback: `${text} It vanishes with depth, as in a plain stack without skip connections: the identity path must carry the gradient.`, artifacts };
    if (ratio > MAX_RATIO) return { fraction: 0, feedback: `${text} It explodes with depth.`, artifacts };
    return { fraction: 1, feedback: `${text} The skip connections keep it within a bounded factor.`, artifacts };
  },
});

export const checks: AnyCheck[] = [
  publicTestsCheck({ title: "Public tests (informational)", limits: UNIT }),
  outputShapes,
  skipConnection,
  branchStructure,
  gradientFlow,
  trainsOnDigits,
];
