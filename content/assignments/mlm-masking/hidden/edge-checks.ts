/** Hidden: the edge-case check of mlm-masking (empty input, only specials, maskProb 0 and 1). */
import { defineCheck, type CheckLimits, type CheckScore } from "@unlabeled/sdk";
import { readOutput, structureProblem } from "./analysis";
import { callsOf, MASK, sequence, SPECIALS, type Case } from "./cases";

export const CANARY = "unlabeled-hidden-mlm-masking-edge-checks";

interface Edge {
  name: string;
  c: Case;
  /** The problem with a (structurally valid) output, or null. */
  judge(tokens: readonly number[], inputIds: number[], labels: number[]): string | null;
}

function edges(rng: () => number): Edge[] {
  const seed = () => Math.floor(rng() * 2 ** 31);
  const unchanged = (what: string) => (tokens: readonly number[], inputIds: number[], labels: number[]) =>
    labels.some((l) => l !== -100) || inputIds.some((id, i) => id !== tokens[i]) ? `${what}: nothing may be selected, but some positions were` : null;
  const allSpecial = Array.from({ length: 12 }, (_, i) => SPECIALS[i % SPECIALS.length]!);
  return [
    {
      name: "empty tokens",
      c: { tokens: [], rngSeed: seed() },
      judge: (_t, inputIds, labels) => (inputIds.length || labels.length ? "empty tokens: expected { inputIds: [], labels: [] }" : null),
    },
    { name: "only special tokens", c: { tokens: allSpecial, maskProb: 1, rngSeed: seed() }, judge: unchanged("only special tokens (maskProb 1)") },
    { name: "maskProb 0", c: { tokens: sequence(rng, 60), maskProb: 0, rngSeed: seed() }, judge: unchanged("maskProb 0") },
    {
      name: "maskProb 1",
      c: { tokens: sequence(rng, 200), maskProb: 1, rngSeed: seed() },
      judge: (tokens, inputIds, labels) => {
        const missed = tokens.findIndex((t, i) => !SPECIALS.includes(t) && labels[i] !== t);
        if (missed !== -1) return `maskProb 1: every non-special token must be selected, position ${missed} was not`;
        return inputIds.some((id) => id === MASK) ? null : "maskProb 1: no selected token became [MASK]";
      },
    },
  ];
}

export function edgeCheck(limits: Partial<CheckLimits>) {
  return defineCheck({
    id: "edge-cases",
    title: "Handles empty input, only specials, maskProb 0 and 1",
    visibility: "visible",
    limits,
    dependsOn: ["labels-exact"],
    task: "call",
    prepare: (ctx) => {
      const list = edges(ctx.rng);
      return { input: callsOf(list.map((e) => e.c)), hidden: list };
    },
    score: (output, list): CheckScore => {
      const problems: string[] = [];
      list.forEach((edge, i) => {
        const value = output.calls[i]?.value;
        const out = value === undefined ? "no result" : readOutput(value, edge.c.tokens.length);
        if (typeof out === "string") return void problems.push(`${edge.name}: ${out}`);
        const problem = structureProblem(edge.c.tokens, out) ?? edge.judge(edge.c.tokens, out.inputIds, out.labels);
        if (problem) problems.push(problem);
      });
      const right = list.length - problems.length;
      return { fraction: right / list.length, passed: problems.length === 0, feedback: [`${right} of ${list.length} edge cases are right.`, ...problems].join("\n") };
    },
  });
}
