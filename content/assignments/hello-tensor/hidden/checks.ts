/** Hidden: the checks of hello-tensor. Inputs go to the sandbox; expected sums are computed here, never there. */
import { defineCheck, publicTestsCheck, compareTensor, type Artifact, type AnyCheck, type CheckScore, type HostTensor, type CallOutput } from "@unlabeled/sdk";
import { broadcastingPairs, randomPairs, sameShapePairs, type Pair } from "./cases";
import { referenceSum } from "./reference";

export const CANARY = "unlabeled-hidden-hello-tensor-checks";

const LIMITS = { wallSeconds: 10, cpuSeconds: 20, memoryMb: 512 };

function callsOf(pairs: Pair[], progressEvery?: number) {
  return { export: "addTensors", calls: pairs.map((p) => ({ args: [p.a, p.b] })), ...(progressEvery ? { progressEvery } : {}) };
}

function shapeText(t: HostTensor): string {
  return `[${t.shape.join(", ")}]${t.dtype === "int32" ? " int32" : ""}`;
}

/** One point share per pair whose sum is right; `reveal` says which inputs and values went wrong. */
function scorePairs(output: CallOutput, pairs: Pair[], reveal: boolean): CheckScore {
  if (output.calls.length !== pairs.length) return { fraction: 0, feedback: `expected ${pairs.length} results, got ${output.calls.length}` };
  const problems: string[] = [];
  pairs.forEach((pair, i) => {
    const result = compareTensor(output.calls[i]!.value, referenceSum(pair.a, pair.b), { checkDtype: true, reveal, atol: 1e-4 });
    if (!result.ok) problems.push(reveal ? `addTensors(${shapeText(pair.a)}, ${shapeText(pair.b)}) ${result.reason}` : `case ${i + 1}: ${result.reason}`);
  });
  const right = pairs.length - problems.length;
  const summary = `${right} of ${pairs.length} sums are right.`;
  return { fraction: right / pairs.length, feedback: problems.length ? `${summary}\n${problems.slice(0, 10).join("\n")}` : summary };
}

const sameShape = defineCheck({
  id: "same-shape",
  title: "Adds tensors of the same shape",
  visibility: "visible",
  limits: LIMITS,
  task: "call",
  prepare: () => ({ input: callsOf(sameShapePairs()), hidden: sameShapePairs() }),
  score: (output, pairs) => scorePairs(output, pairs, true),
});

const broadcasting = defineCheck({
  id: "broadcasting",
  title: "Broadcasts tensors of different shapes",
  visibility: "visible",
  limits: LIMITS,
  task: "call",
  prepare: () => ({ input: callsOf(broadcastingPairs()), hidden: broadcastingPairs() }),
  score: (output, pairs) => scorePairs(output, pairs, true),
});

const RANDOM_CASES = 40;

const randomInputs = defineCheck({
  id: "random-inputs",
  title: "Adds random shapes and values",
  visibility: "hidden",
  limits: LIMITS,
  dependsOn: ["same-shape"],
  task: "call",
  prepare: (ctx) => {
    const pairs = randomPairs(RANDOM_CASES, ctx.rng);
    return { input: callsOf(pairs, 10), hidden: pairs };
  },
  score: (output, pairs) => ({ ...scorePairs(output, pairs, false), artifacts: [timingCurve(output, pairs)] }),
});

/** For instructors: how the call time grows with the result's size (a hidden check, so students never see it). */
function timingCurve(output: CallOutput, pairs: Pair[]): Artifact {
  const points = pairs.map((p, i) => ({ size: Math.max(p.a.size, p.b.size), ms: output.calls[i]?.ms ?? 0 })).sort((a, b) => a.size - b.size);
  return {
    kind: "curve",
    name: "Time per call",
    x_label: "elements in the larger input",
    y_label: "milliseconds",
    series: [{ name: "addTensors", x: points.map((p) => p.size), y: points.map((p) => p.ms) }],
  };
}

const noLeaks = defineCheck({
  id: "no-leaks",
  title: "Leaves no extra tensors and keeps its inputs",
  visibility: "after_due_date",
  limits: LIMITS,
  dependsOn: ["same-shape"],
  task: "call",
  prepare: () => ({ input: callsOf([...sameShapePairs().slice(0, 3), ...broadcastingPairs().slice(0, 2)]), hidden: null }),
  score: (output) => {
    const leaky = output.calls.findIndex((c) => c.newTensors > 1);
    const disposing = output.calls.findIndex((c) => c.inputsDisposed);
    if (disposing !== -1) return { fraction: 0, feedback: `call ${disposing + 1} disposed one of its inputs; they belong to the caller` };
    if (leaky !== -1) {
      const n = output.calls[leaky]!.newTensors;
      return { fraction: 0, feedback: `call ${leaky + 1} left ${n} new tensors in memory instead of 1 (the result); use tf.tidy or one tf call` };
    }
    return { fraction: 1, feedback: "Each call created exactly one tensor, the result, and kept its inputs." };
  },
});

export const checks: AnyCheck[] = [publicTestsCheck({ title: "Public tests (informational)", limits: LIMITS }), sameShape, broadcasting, randomInputs, noLeaks];
