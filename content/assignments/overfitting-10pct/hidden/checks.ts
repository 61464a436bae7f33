/** Hidden: the checks of overfitting-10pct. Label sets and histories go to the sandbox; verdicts are computed here. */
import { defineCheck, RngArg, publicTestsCheck, enoughDraws, deriveSeed, type AnyCheck, type CheckScore, type HostValue, type CallOutput } from "@unlabeled/sdk";
import { detectorVerdicts, experimentScore } from "./feedback";
import { detectorCases, type HistoryCase } from "./histories";
import { argmin, ruleParts } from "./rule";
import { openExperimentSlot, savedExperiment, saveExperiment, trainOnFullSet, trainOnSubset } from "./experiment";
import { asIndexList, subsetCases, subsetProblems, trainLabels, type SubsetCase, type SubsetProblem } from "./subset-cases";

export const CANARY = "unlabeled-hidden-overfitting-10pct-checks";

const UNIT = { wallSeconds: 10, cpuSeconds: 20, memoryMb: 512 };
/** The sandbox only computes a subset or two verdicts; the trusted training in score() is not under these limits. */
const EXPERIMENT = { wallSeconds: 20, cpuSeconds: 30, memoryMb: 512 };

function subsetCalls(cases: SubsetCase[], seed: number) {
  return { export: "stratifiedSubset", calls: cases.map((c, i) => ({ args: [c.labels, c.fraction, new RngArg(seed + i)] as HostValue[] })) };
}

function subsetCheck(id: string, title: string, wanted: SubsetProblem[], ok: string) {
  return defineCheck({
    id, title, visibility: "visible", limits: UNIT, task: "call",
    prepare: (ctx) => ({ input: subsetCalls(subsetCases(), ctx.seed), hidden: subsetCases() }),
    score: (output: CallOutput, cases: SubsetCase[]): CheckScore => {
      if (output.calls.length !== cases.length) return { fraction: 0, feedback: `expected ${cases.length} results, got ${output.calls.length}` };
      const failures: string[] = [];
      cases.forEach((c, i) => {
        const { problems, detail } = subsetProblems(output.calls[i]!.value, c);
        const shown = (["not-a-list", "not-indices", ...wanted] as SubsetProblem[]).find((p) => problems.has(p));
        if (shown) failures.push(`call ${i + 1} ${detail[shown]}`);
      });
      const right = cases.length - failures.length;
      return { fraction: right / cases.length, feedback: failures.length ? `${right} of ${cases.length} subsets are right.\n${failures.join("\n")}` : `${ok} (${cases.length} label sets).` };
    },
  });
}

const subsetSize = subsetCheck("subset-size", "Returns round(fraction × n) valid indices", ["size"], "Every subset has round(fraction × n) indices into labels");
const subsetNoDuplicates = subsetCheck("subset-no-duplicates", "Has no duplicate indices", ["duplicates"], "No subset repeats an index");
const subsetStratified = subsetCheck("subset-stratified", "Keeps the class proportions (stratified)", ["stratification"], "Every class is within one example of its share");

const subsetArgs = (labels: number[], seed: number) => [labels, 0.1, new RngArg(seed)] as HostValue[];

/** A lower bound on the bits of a stratified sample: log2 C(n_c, k_c) over the classes, with k_c = floor(fraction × n_c). */
function subsetBits(labels: readonly number[], fraction: number): number {
  const sizes = new Map<number, number>();
  for (const y of labels) sizes.set(y, (sizes.get(y) ?? 0) + 1);
  let bits = 0;
  for (const n of sizes.values()) {
    const k = Math.floor(fraction * n);
    for (let i = 0; i < k; i++) bits += Math.log2((n - i) / (i + 1));
  }
  return bits;
}

const subsetDeterministic = defineCheck({
  id: "subset-deterministic",
  title: "Is deterministic for a given rng, and random across generators",
  visibility: "visible", limits: UNIT, dependsOn: ["subset-size"], task: "call",
  prepare: (ctx) => {
    const labels = subsetCases()[1]!.labels.concat(subsetCases()[0]!.labels);
    const hidden = { labels, first: [] as unknown[], draws: 0 };
    return { input: { export: "stratifiedSubset", calls: [{ args: subsetArgs(labels, ctx.seed) }, { args: subsetArgs(labels, ctx.seed + 1) }] }, hidden };
  },
  // The first generator again, in a fresh process whose Math.random is seeded differently.
  next: (output, hidden, ctx, stage) =>
    stage === 1
      ? {
          input: { export: "stratifiedSubset", calls: [{ args: subsetArgs(hidden.labels, ctx.seed) }] },
          hidden: { ...hidden, first: output.calls.map((call) => call.value), draws: output.calls[0]?.draws ?? 0 },
          runnerSeed: deriveSeed(ctx.seed, "subset", "again"),
        }
      : null,
  score: (output, hidden) => {
    const [a, c] = hidden.first.map((v) => asIndexList(v as HostValue));
    const b = asIndexList(output.calls[0]?.value as HostValue);
    if (!a || !b || !c) return { fraction: 0, feedback: "stratifiedSubset did not return arrays of numbers" };
    const same = (x: number[], y: number[]) => x.length === y.length && x.every((v, i) => v === y[i]);
    if (!same(a, b)) return { fraction: 0, feedback: "The same seeded rng gave a different subset when run again in a fresh process: draw every random number from the rng argument (not Math.random), and keep no state between calls." };
    const setA = new Set(a);
    if (c.length === a.length && c.every((v) => setA.has(v))) {
      return { fraction: 0, feedback: "Two different rng generators gave the same subset: the subset ignores rng (e.g. always the first examples of each class). Pick the examples of each class at random with rng." };
    }
    const draws = enoughDraws(hidden.draws, subsetBits(hidden.labels, 0.1), "draws");
    if (!draws.ok) return { fraction: 0, feedback: `${draws.line}. Pick the examples of each class at random with rng.` };
    return { fraction: 1, feedback: "The same generator gives the same subset; a different generator gives a different one." };
  },
});

const detectorHistories = defineCheck({
  id: "detector-histories",
  title: "Detects overfitting on known training histories",
  visibility: "visible", limits: UNIT, task: "call",
  prepare: (ctx) => {
    const cases = detectorCases(ctx.rng);
    return { input: { export: "detectOverfitting", calls: cases.map((c) => ({ args: [{ loss: c.history.loss, valLoss: c.history.valLoss }] as HostValue[] })) }, hidden: cases };
  },
  score: (output, cases: HistoryCase[]) => detectorVerdicts(output, cases),
});

const experiment = defineCheck({
  id: "experiment",
  title: "The experiment: the reference CNN on your 10% subset and on the full training set",
  visibility: "visible", limits: EXPERIMENT,
  // Cheap checks first: a submission that fails any of them never pays for the training.
  dependsOn: ["subset-size", "subset-no-duplicates", "subset-stratified", "subset-deterministic", "detector-histories"],
  task: "call",
  prepare: (ctx) => {
    openExperimentSlot();
    return { input: { export: "stratifiedSubset", calls: [{ args: [trainLabels(), 0.1, new RngArg(ctx.seed)] as HostValue[] }] }, hidden: null };
  },
  score: async (output) => {
    const labels = trainLabels();
    const value = output.calls[0]?.value ?? null;
    const { problems, detail } = subsetProblems(value, { labels, fraction: 0.1 });
    if (problems.size) return { fraction: 0, feedback: `Your subset of the training split is not valid, so the experiment did not run: ${Object.values(detail).join("; ")}` };
    const [small, full] = [await trainOnSubset(asIndexList(value)!), await trainOnFullSet()];
    saveExperiment({ small, full });
    return experimentScore(small, full);
  },
});

const detectorExperiment = defineCheck({
  id: "detector-experiment",
  title: "Flags the 10% run and not the full run",
  visibility: "visible", limits: UNIT, dependsOn: ["experiment", "detector-histories"], task: "call",
  prepare: () => {
    const { small, full } = savedExperiment();
    return { input: { export: "detectOverfitting", calls: [small, full].map((r) => ({ args: [{ loss: r.history.loss, valLoss: r.history.valLoss }] as HostValue[] })) }, hidden: [small, full] };
  },
  score: (output, runs) => {
    const problems: string[] = [];
    runs.forEach((run, i) => {
      const got = output.calls[i]?.value as { overfitting?: unknown; bestEpoch?: unknown } | null;
      const rule = ruleParts(run.history);
      const name = i === 0 ? "the 10% run" : "the full run";
      if (!got || typeof got !== "object" || typeof got.overfitting !== "boolean") problems.push(`on ${name} it did not return { overfitting: boolean, bestEpoch: number }`);
      else if (got.overfitting !== rule.overfitting) problems.push(`it says overfitting = ${got.overfitting} for ${name}, where the README's rule says ${rule.overfitting}`);
      else if (got.bestEpoch !== argmin(run.history.valLoss)) problems.push(`its bestEpoch for ${name} is not the epoch of the lowest validation loss`);
    });
    const verdict = `The rule flags the 10% run: ${ruleParts(runs[0]!.history).overfitting ? "yes" : "no"}; the full run: ${ruleParts(runs[1]!.history).overfitting ? "yes" : "no"}.`;
    return problems.length
      ? { fraction: 0, feedback: `On the real curves of the experiment, your detector disagrees with the rule: ${problems.join("; ")}. ${verdict}` }
      : { fraction: 1, feedback: `Your detector agrees with the rule on both real runs. ${verdict}` };
  },
});

export const checks: AnyCheck[] = [
  publicTestsCheck({ title: "Public tests (informational)", limits: UNIT }),
  subsetSize, subsetNoDuplicates, subsetStratified, subsetDeterministic, detectorHistories, experiment, detectorExperiment,
];
