/** Hidden: the edge-case check of nsp-pairs (no documents, one document, nothing to pair). */
import { defineCheck, type CheckLimits, type CheckScore } from "@unlabeled/sdk";
import { callsOf, documents, readPairs, seeds, type Docs } from "./cases";

export const CANARY = "unlabeled-hidden-nsp-pairs-edge-checks";

interface Edge {
  name: string;
  docs: Docs;
  judge(pairs: Array<{ a: string; b: string; isNext: boolean }>, docs: Docs): string | null;
}

function edges(rng: () => number): Edge[] {
  const nothing = (name: string) => (pairs: unknown[]) => (pairs.length ? `${name}: expected no pairs, got ${pairs.length}` : null);
  return [
    { name: "no documents", docs: [], judge: nothing("no documents") },
    { name: "only one-sentence and empty documents", docs: documents(rng, [1, 0, 1, 1]), judge: nothing("only one-sentence and empty documents") },
    {
      name: "a single document",
      docs: documents(rng, [9]),
      judge: (pairs, docs) => {
        const doc = docs[0]!;
        if (pairs.length !== doc.length - 1) return `a single document of ${doc.length} sentences: expected ${doc.length - 1} pairs, got ${pairs.length}`;
        const bad = pairs.findIndex((p, i) => !p.isNext || p.a !== doc[i] || p.b !== doc[i + 1]);
        return bad === -1 ? null : `a single document (no other document to draw from): every pair must be positive, pair ${bad + 1} is not the sentence and its successor with isNext: true`;
      },
    },
  ];
}

export function edgeCheck(limits: Partial<CheckLimits>) {
  return defineCheck({
    id: "edge-cases",
    title: "Handles no documents, one document and nothing to pair",
    visibility: "visible",
    limits,
    dependsOn: ["coverage"],
    task: "call",
    prepare: (ctx) => {
      const list = edges(ctx.rng);
      return { input: callsOf(list.map((e) => e.docs), seeds(ctx.rng, list.length)), hidden: list };
    },
    score: (output, list): CheckScore => {
      const problems: string[] = [];
      list.forEach((edge, i) => {
        const value = output.calls[i]?.value;
        const pairs = value === undefined ? "no result" : readPairs(value);
        if (typeof pairs === "string") {
          const hint = edge.name === "a single document" ? " (with no other document to draw from, every pair must be positive)" : "";
          return void problems.push(`${edge.name}: ${pairs}${hint}`);
        }
        const problem = edge.judge(pairs, edge.docs);
        if (problem) problems.push(problem);
      });
      const right = list.length - problems.length;
      return { fraction: right / list.length, passed: problems.length === 0, feedback: [`${right} of ${list.length} edge cases are right.`, ...problems].join("\n") };
    },
  });
}
