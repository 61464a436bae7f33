/** Hidden: the documents the nsp-pairs checks send, and how to read and judge the pairs that come back. */
import { RngArg, type HostValue } from "@unlabeled/sdk";

export const CANARY = "unlabeled-hidden-nsp-pairs-cases";

export type Docs = string[][];

export interface Pair {
  a: string;
  b: string;
  isNext: boolean;
}

const WORDS = ["the", "boat", "left", "early", "rain", "fell", "we", "read", "maps", "bread", "is", "warm", "a", "bird", "sang", "cold", "wind"];

/** Documents of the given sizes; every sentence is unique (it carries its document and index). */
export function documents(rng: () => number, sizes: readonly number[]): Docs {
  return sizes.map((n, d) =>
    Array.from({ length: n }, (_, s) => {
      const words = Array.from({ length: 2 + Math.floor(rng() * 3) }, () => WORDS[Math.floor(rng() * WORDS.length)]);
      return `${words.join(" ")} ${d}.${s}.`;
    }),
  );
}

export function callsOf(docs: Docs[], seeds: number[]) {
  return { export: "makeNspPairs", calls: docs.map((d, i) => ({ args: [d, { rng: new RngArg(seeds[i]!) }] as HostValue[] })) };
}

export function seeds(rng: () => number, n: number): number[] {
  return Array.from({ length: n }, () => Math.floor(rng() * 2 ** 31));
}

/** The pairs of one call, or what is wrong with their form. */
export function readPairs(value: HostValue): Pair[] | string {
  if (!Array.isArray(value)) return "makeNspPairs must return an array of { a, b, isNext }";
  for (let i = 0; i < value.length; i++) {
    const p = value[i] as Record<string, HostValue> | null;
    if (!p || typeof p !== "object" || typeof p.a !== "string" || typeof p.b !== "string" || typeof p.isNext !== "boolean") {
      return `pair ${i + 1} is not { a: string, b: string, isNext: boolean }`;
    }
  }
  return value as unknown as Pair[];
}

/** Where each sentence lives. */
export function index(docs: Docs): Map<string, { doc: number; pos: number }> {
  const where = new Map<string, { doc: number; pos: number }>();
  docs.forEach((doc, d) => doc.forEach((s, pos) => where.set(s, { doc: d, pos })));
  return where;
}

/** The `a` sentences in the required order: every sentence that has a successor, document by document. */
export function expectedFirsts(docs: Docs): string[] {
  return docs.flatMap((doc) => doc.slice(0, Math.max(0, doc.length - 1)));
}

export function within(count: number, n: number, p: number): boolean {
  const slack = 5 * Math.sqrt(n * p * (1 - p)) + 3;
  return Math.abs(count - n * p) <= slack;
}
