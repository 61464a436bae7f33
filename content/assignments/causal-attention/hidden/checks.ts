/**
 * Hidden: the checks of causal-attention. Exact mask values; forward values against a plain-array reference
 * within 1e-4 (a mismatch is compared with the usual wrong variants to name the mistake); no information from
 * later positions; gradients against the analytic reference; and a training run in the sandbox (training.ts).
 */
import { defineCheck, HostTensor, publicTestsCheck, type AnyCheck, type CheckScore, type HostValue } from "@unlabeled/sdk";
import { perturbAfter, qkvCases, randomTensor, type Qkv } from "./cases";
import { attention, attentionGrads, maxError, MISTAKES } from "./reference";
import { trainingCheck } from "./training";
import causalAttentionTask from "../task";

export const CANARY = "unlabeled-hidden-causal-attention-checks";

const LIMITS = { wallSeconds: 10, cpuSeconds: 20, memoryMb: 768 };
const TOLERANCE = 1e-4;

function asTensor(value: HostValue | undefined, shape: readonly number[], what: string): HostTensor | string {
  if (!(value instanceof HostTensor)) return `${what} must return a tf.Tensor`;
  if (value.shape.join(",") !== shape.join(",")) return `${what} returned shape [${value.shape.join(", ")}], expected [${shape.join(", ")}]`;
  if (value.dtype === "string") return `${what} returned a string tensor`;
  return value;
}

const SIZES = [1, 2, 3, 5, 8, 13];

const maskValues = defineCheck({
  id: "mask-values",
  title: "causalMask is 1 where key ≤ query, else 0",
  visibility: "visible",
  limits: LIMITS,
  task: "call",
  prepare: () => ({ input: { export: "causalMask", calls: SIZES.map((n) => ({ args: [n] })) }, hidden: SIZES }),
  score: (output, sizes): CheckScore => {
    for (let i = 0; i < sizes.length; i++) {
      const n = sizes[i]!;
      const t = asTensor(output.calls[i]?.value, [n, n], `causalMask(${n})`);
      if (typeof t === "string") return { fraction: 0, feedback: t };
      const at = (q: number, k: number) => Number(t.data[q * n + k]);
      const cells = [...Array(n * n).keys()].map((c) => ({ q: Math.floor(c / n), k: c % n }));
      const wrong = cells.filter(({ q, k }) => at(q, k) !== (k <= q ? 1 : 0));
      if (!wrong.length) continue;
      let hint = "";
      if (cells.every(({ q, k }) => at(q, k) === (k < q ? 1 : 0))) hint = "the mask excludes the diagonal: key = query must be 1";
      else if (cells.every(({ q, k }) => at(q, k) === (k >= q ? 1 : 0))) hint = "the mask is transposed: it must be 1 where key ≤ query (lower triangle)";
      else if (cells.every(({ q, k }) => at(q, k) === (k <= q ? 0 : 1))) hint = "the mask is inverted: 1 marks the keys a query may see";
      else if (cells.every(({ q, k }) => at(q, k) === 1)) hint = "every entry is 1: the future must be 0";
      const { q, k } = wrong[0]!;
      return { fraction: 0, feedback: `causalMask(${n}) at query ${q}, key ${k} is ${at(q, k)}, expected ${k <= q ? 1 : 0}${hint ? `; ${hint}` : ""}` };
    }
    return { fraction: 1, feedback: `causalMask is right for sizes ${sizes.join(", ")}.` };
  },
});

function attentionCalls(list: Qkv[]) {
  return { export: "causalSelfAttention", calls: list.map((c) => ({ args: [c.q, c.k, c.v] })) };
}

/** Names the wrong variant a mismatching output matches, if any. */
function diagnose(actual: ArrayLike<number>, c: Qkv): string {
  if (Array.from(actual).some((x) => Number.isNaN(x))) return "NaN in the output: masking with -Infinity times 0 (or a row with no visible key) gives NaN; mask with a large negative number or tf.where";
  for (const m of MISTAKES) {
    if ((m.fromRow ?? 0) >= c.q.shape[1]!) continue;
    if (maxError(actual, attention(c.q, c.k, c.v, m.variant), c.q.shape, m.fromRow ?? 0) < 1e-3) return m.name;
  }
  return "";
}

const matchesReference = defineCheck({
  id: "matches-reference",
  title: "Scaled dot-product attention with the causal mask",
  visibility: "visible",
  limits: LIMITS,
  task: "call",
  prepare: (ctx) => {
    const list = qkvCases(ctx.rng);
    return { input: attentionCalls(list), hidden: list };
  },
  score: (output, list): CheckScore => {
    const problems: string[] = [];
    let diagnosis = "";
    list.forEach((c, i) => {
      const t = asTensor(output.calls[i]?.value, c.q.shape, "causalSelfAttention");
      if (typeof t === "string") return void problems.push(`case ${i + 1}: ${t}`);
      const error = maxError(t.data as Float32Array, attention(c.q, c.k, c.v), c.q.shape);
      if (error <= TOLERANCE) return;
      diagnosis ||= diagnose(t.data as Float32Array, c);
      problems.push(`case ${i + 1} (shape [${c.q.shape.join(", ")}]): ${Number.isFinite(error) ? `off by up to ${error.toPrecision(2)}` : "NaN or infinite values"}`);
    });
    const right = list.length - problems.length;
    const lines = [`${right} of ${list.length} cases agree with the reference within ${TOLERANCE}.`, ...(diagnosis ? [`Likely mistake: ${diagnosis}.`] : []), ...problems];
    return { fraction: problems.length ? 0 : 1, feedback: lines.join("\n") };
  },
});

interface LeakCase { t0: number; shape: readonly number[] }
interface LeakHidden { cases: LeakCase[]; perturbed: Qkv[]; originals: HostValue[] | null }

/**
 * The originals run in one process and the perturbed copies in a fresh one (next()), so a function that remembers
 * earlier inputs cannot make the two agree: only an attention whose early outputs ignore later positions can.
 */
const noFutureLeak = defineCheck({
  id: "no-future-leak",
  title: "No information flows from later positions",
  visibility: "visible",
  limits: LIMITS,
  task: "call",
  prepare: (ctx) => {
    const base = qkvCases(ctx.rng).filter((c) => c.q.shape[1]! > 1);
    const perturbed: Qkv[] = [];
    const cases: LeakCase[] = [];
    for (const c of base) {
      const t0 = Math.floor(ctx.rng() * (c.q.shape[1]! - 1));
      perturbed.push({ q: perturbAfter(ctx.rng, c.q, t0), k: perturbAfter(ctx.rng, c.k, t0), v: perturbAfter(ctx.rng, c.v, t0) });
      cases.push({ t0, shape: c.q.shape });
    }
    const hidden: LeakHidden = { cases, perturbed, originals: null };
    return { input: attentionCalls(base), hidden };
  },
  next: (output, hidden, _ctx, stage) =>
    stage === 1 ? { input: attentionCalls(hidden.perturbed), hidden: { ...hidden, originals: output.calls.map((c) => c.value) } } : null,
  score: (output, hidden): CheckScore => {
    const { cases, originals } = hidden;
    if (!originals) return { fraction: 0, feedback: "the original inputs gave no results" };
    for (let i = 0; i < cases.length; i++) {
      const { t0, shape } = cases[i]!;
      const a = asTensor(originals[i], shape, "causalSelfAttention");
      const b = asTensor(output.calls[i]?.value, shape, "causalSelfAttention");
      if (typeof a === "string" || typeof b === "string") return { fraction: 0, feedback: typeof a === "string" ? a : (b as string) };
      const [batch, seq, dim] = shape as [number, number, number];
      for (let bi = 0; bi < batch; bi++) {
        for (let t = 0; t <= t0; t++) {
          for (let j = 0; j < dim; j++) {
            const idx = (bi * seq + t) * dim + j;
            const x = a.data[idx] as number;
            const y = b.data[idx] as number;
            if (Number.isNaN(x) || Number.isNaN(y)) return { fraction: 0, feedback: `the output holds NaN at position ${t}, so it cannot be shown that the future stays hidden; mask with a large negative number or tf.where` };
            if (!(Math.abs(x - y) <= 1e-5 * (1 + Math.abs(x)))) {
              return { fraction: 0, feedback: `information flows from the future: changing only positions after ${t0} changed the output at position ${t} (sequence length ${seq}); query t may only use keys and values at positions ≤ t` };
            }
          }
        }
      }
    }
    return { fraction: 1, feedback: `Changing later positions never changed earlier outputs (${cases.length} cases, the changed inputs run in a fresh process).` };
  },
});

const gradientsFlow = defineCheck({
  id: "gradients-flow",
  title: "Gradients flow to q, k and v",
  visibility: "visible",
  limits: LIMITS,
  dependsOn: ["matches-reference"],
  task: causalAttentionTask,
  prepare: (ctx) => {
    const cases = qkvCases(ctx.rng).slice(1, 5).map((c) => ({ ...c, w: randomTensor(ctx.rng, [...c.q.shape], 1) }));
    return { input: { mode: "gradients" as const, cases }, hidden: cases };
  },
  score: (output, cases): CheckScore => {
    if (output.mode !== "gradients" || output.cases.length !== cases.length) return { fraction: 0, feedback: "the gradient task returned no gradients" };
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i]!;
      const expected = attentionGrads(c.q, c.k, c.v, c.w);
      for (const name of ["dq", "dk", "dv"] as const) {
        const t = asTensor(output.cases[i]![name], c.q.shape, `the gradient ${name}`);
        if (typeof t === "string") return { fraction: 0, feedback: t };
        const data = t.data as Float32Array;
        const scale = Math.max(1, ...Array.from(expected[name], Math.abs));
        const error = maxError(data, expected[name], c.q.shape);
        if (error <= 1e-3 * scale) continue;
        const input = name.slice(1);
        if (data.every((x) => x === 0)) return { fraction: 0, feedback: `no gradient reaches ${input}: the output must be computed with TF.js operations on the inputs (no dataSync/arraySync and rebuilt tensors)` };
        return { fraction: 0, feedback: `the gradient with respect to ${input} is wrong in case ${i + 1} (off by up to ${Number.isFinite(error) ? error.toPrecision(2) : "NaN"})` };
      }
    }
    return { fraction: 1, feedback: `Gradients with respect to q, k and v match the reference in ${cases.length} cases.` };
  },
});

export const checks: AnyCheck[] = [
  publicTestsCheck({ title: "Public tests (informational)", limits: LIMITS }),
  maskValues,
  matchesReference,
  noFutureLeak,
  gradientsFlow,
  trainingCheck(),
];
