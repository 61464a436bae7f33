/**
 * Hidden: the checks of nsp-pairs. Order, coverage and the meaning of every pair are checked exactly; the coin
 * (balance) with a binomial bound of 5 standard deviations; negative sampling by which sentences it can reach.
 */
import { defineCheck, publicTestsCheck, dispersion, enoughDraws, serialIndependence, deriveSeed, type AnyCheck, type CheckScore, type HostValue } from "@unlabeled/sdk";
import { callsOf, documents, expectedFirsts, index, readPairs, seeds, within, type Docs, type Pair } from "./cases";
import { edgeCheck } from "./edge-checks";

export const CANARY = "unlabeled-hidden-nsp-pairs-checks";

const LIMITS = { wallSeconds: 10, cpuSeconds: 20, memoryMb: 512 };
/** Documents of the statistical checks: sizes 1 to 7, so single-sentence documents can be drawn as negatives. */
const STAT_SIZES = [4, 1, 6, 3, 7, 2, 5, 3];
const STAT_CALLS = 150;

interface Hidden {
  docs: Docs[];
}

function readAll(values: HostValue[], docs: Docs[]): Pair[][] | string {
  if (values.length !== docs.length) return `expected ${docs.length} results, got ${values.length}`;
  const out: Pair[][] = [];
  for (let i = 0; i < values.length; i++) {
    const pairs = readPairs(values[i]!);
    if (typeof pairs === "string") return `call ${i + 1}: ${pairs}`;
    out.push(pairs);
  }
  return out;
}

function coverageProblem(docs: Docs, pairs: Pair[]): string | null {
  const firsts = expectedFirsts(docs);
  const lasts = new Set(docs.filter((d) => d.length > 0).map((d) => d[d.length - 1]!));
  const extra = pairs.find((p) => lasts.has(p.a));
  if (extra) return `made a pair whose a is the last sentence of its document ("${extra.a}"); only sentences with a successor in the same document start a pair`;
  if (pairs.length !== firsts.length) return `expected ${firsts.length} pairs (one per sentence that has a successor in its document), got ${pairs.length}`;
  const wrong = pairs.findIndex((p, i) => p.a !== firsts[i]);
  if (wrong === -1) return null;
  const sameSet = [...pairs.map((p) => p.a)].sort().join("\n") === [...firsts].sort().join("\n");
  if (sameSet) return `the pairs are not in document then sentence order (pair ${wrong + 1} starts with "${pairs[wrong]!.a}")`;
  return `pair ${wrong + 1}: a is "${pairs[wrong]!.a}", expected "${firsts[wrong]}"`;
}

const coverage = defineCheck({
  id: "coverage",
  title: "One pair per sentence with a successor, in order",
  visibility: "visible",
  limits: LIMITS,
  task: "call",
  prepare: (ctx) => {
    const docs = Array.from({ length: 12 }, () => documents(ctx.rng, Array.from({ length: 2 + Math.floor(ctx.rng() * 5) }, () => Math.floor(ctx.rng() * 6))));
    return { input: callsOf(docs, seeds(ctx.rng, docs.length)), hidden: { docs } as Hidden };
  },
  score: (output, { docs }): CheckScore => {
    const all = readAll(output.calls.map((c) => c.value), docs);
    if (typeof all === "string") return { fraction: 0, feedback: all };
    for (let i = 0; i < all.length; i++) {
      const problem = coverageProblem(docs[i]!, all[i]!);
      if (problem) return { fraction: 0, feedback: `call ${i + 1}: ${problem}` };
    }
    return { fraction: 1, feedback: `${all.length} calls: every sentence with a successor starts exactly one pair, in order.` };
  },
});

/** Statistical checks share one design: the same eight documents, many differently seeded generators. */
function statPrepare(ctx: { rng: () => number }) {
  const base = documents(ctx.rng, STAT_SIZES);
  const docs = Array.from({ length: STAT_CALLS }, () => base);
  return { input: callsOf(docs, seeds(ctx.rng, STAT_CALLS)), hidden: { docs } as Hidden };
}

interface Counts {
  pairs: number;
  positives: number;
  badPositive: string | null;
  nextButNegative: number;
  sameDocNegative: string | null;
  unknownB: string | null;
  drawn: Map<string, number>;
}

function countAll(all: Pair[][], docs: Docs[]): Counts {
  const c: Counts = { pairs: 0, positives: 0, badPositive: null, nextButNegative: 0, sameDocNegative: null, unknownB: null, drawn: new Map() };
  all.forEach((pairs, i) => {
    const where = index(docs[i]!);
    for (const p of pairs) {
      const a = where.get(p.a);
      const b = where.get(p.b);
      if (!a) continue;
      c.pairs++;
      const isSuccessor = !!b && b.doc === a.doc && b.pos === a.pos + 1;
      if (p.isNext) {
        c.positives++;
        if (!isSuccessor) c.badPositive ??= `"${p.a}" → "${p.b}"`;
      } else if (isSuccessor) c.nextButNegative++;
      else if (!b) c.unknownB ??= `"${p.b}"`;
      else if (b.doc === a.doc) c.sameDocNegative ??= `"${p.a}" → "${p.b}"`;
      else c.drawn.set(p.b, (c.drawn.get(p.b) ?? 0) + 1);
    }
  });
  return c;
}

function statCheck(id: string, title: string, judge: (c: Counts, docs: Docs, all: Pair[][], draws: number) => CheckScore, dependsOn: string[]) {
  return defineCheck({
    id, title, visibility: "visible", limits: LIMITS, dependsOn, task: "call",
    prepare: statPrepare,
    score: (output, { docs }): CheckScore => {
      const all = readAll(output.calls.map((x) => x.value), docs);
      if (typeof all === "string") return { fraction: 0, feedback: all };
      return judge(countAll(all, docs), docs[0]!, all, output.calls.reduce((sum, x) => sum + x.draws, 0));
    },
  });
}

/** Bits of randomness in one call of the specified process: a fair coin per pair, and for a negative a draw among the other documents' sentences. */
function processBits(docs: Docs): number {
  const sentences = docs.reduce((n, d) => n + d.length, 0);
  const fewestOthers = Math.min(...docs.filter((d) => d.length > 1).map((d) => sentences - d.length));
  return expectedFirsts(docs).length * (1 + 0.5 * Math.log2(fewestOthers));
}

const positives = statCheck("positives-consecutive", "Positive pairs are truly consecutive", (c) => {
  if (c.badPositive && c.nextButNegative > 0) return { fraction: 0, feedback: `isNext is inverted: pairs whose b is the next sentence are marked false, and pairs with another sentence are marked true (e.g. ${c.badPositive})` };
  if (c.badPositive) return { fraction: 0, feedback: `a pair marked isNext: true whose b is not the next sentence of a in the same document: ${c.badPositive}` };
  if (c.nextButNegative > 0) return { fraction: 0, feedback: `${c.nextButNegative} pairs have the true next sentence as b but isNext: false` };
  return { fraction: 1, feedback: `All ${c.positives} positive pairs are consecutive sentences of one document.` };
}, ["coverage"]);

const negatives = statCheck("negatives-other-doc", "Negative pairs take b from another document", (c) => {
  if (c.sameDocNegative) return { fraction: 0, feedback: `negatives from the same document: ${c.sameDocNegative} is marked isNext: false but b comes from a's own document; draw b from the other documents only` };
  if (c.unknownB) return { fraction: 0, feedback: `a negative pair's b (${c.unknownB}) is not a sentence of the given documents` };
  if (c.nextButNegative > 0) return { fraction: 0, feedback: `${c.nextButNegative} pairs have the true next sentence as b but isNext: false` };
  return { fraction: 1, feedback: "Every negative pair takes b from a different document." };
}, ["coverage"]);

const balance = statCheck("balance", "About half the pairs are positive, each an independent coin", (c, docs, all, draws) => {
  const share = c.pairs ? c.positives / c.pairs : 0;
  const line = `${c.positives} of ${c.pairs} pairs are positive (${(100 * share).toFixed(1)}%; expected about 50%)`;
  if (!within(c.positives, c.pairs, 0.5)) {
    const hint = share > 0.99 ? "\nalways positive: with probability 0.5 b must be a sentence from another document" : share < 0.01 ? "\nalways negative: with probability 0.5 b must be the next sentence" : "\neach pair must be positive with probability 0.5";
    return { fraction: 0, feedback: line + hint };
  }
  const coins = all.map((pairs) => pairs.map((p): number => (p.isNext ? 1 : 0)));
  const process = [
    dispersion(coins.map((q) => q.reduce((s, x) => s + x, 0)), coins.map((q) => q.length), 0.5, "positives per call"),
    serialIndependence(coins, "isNext of neighbouring pairs"),
    enoughDraws(draws, all.length * processBits(docs), "draws"),
  ];
  const ok = process.every((t) => t.ok);
  const hint = ok ? [] : ["each pair must flip its own coin with opts.rng (rng() < 0.5), and each negative draw its sentence from opts.rng: a pattern with the right rate is not that process"];
  return { fraction: ok ? 1 : 0, feedback: [line, ...process.map((t) => t.line), ...hint].join("\n") };
}, ["coverage"]);

const spread = statCheck("negative-spread", "Negatives can be any sentence of the other documents", (c, docs) => {
  const total = [...c.drawn.values()].reduce((s, n) => s + n, 0);
  if (total < 300) return { fraction: 0, feedback: `only ${total} negative pairs in ${c.pairs}; cannot judge how b is drawn` };
  const never = docs.flatMap((doc, d) => doc.map((s, pos) => ({ s, d, pos, n: doc.length }))).filter((x) => !c.drawn.has(x.s));
  if (!never.length) return { fraction: 1, feedback: `${total} negatives reached every sentence of the corpus.` };
  const lastDoc = never.filter((x) => x.d === docs.length - 1).length === docs[docs.length - 1]!.length;
  const lastPos = never.every((x) => x.pos === x.n - 1);
  const firstOnly = never.every((x) => x.pos > 0);
  const hint = lastDoc ? "the last document is never chosen: is there an off-by-one in the document index?"
    : lastPos ? "the last sentence of a document is never chosen: is there an off-by-one in the sentence index?"
    : firstOnly ? "only the first sentence of a document is ever drawn: draw b uniformly among the other documents' sentences"
    : "some sentences of the other documents are never drawn: draw b uniformly among them";
  return { fraction: 0, feedback: `${never.length} sentences were never drawn as a negative in ${total} negatives; ${hint}` };
}, ["negatives-other-doc"]);

/** The same calls again in a fresh process with another Math.random seed: only rng-driven, stateless code agrees. */
const determinism = defineCheck({
  id: "determinism",
  title: "Uses only the rng it is given",
  visibility: "hidden",
  limits: LIMITS,
  dependsOn: ["coverage"],
  task: "call",
  prepare: (ctx) => {
    const docs = documents(ctx.rng, STAT_SIZES);
    const s = seeds(ctx.rng, 4);
    const list = [...s, ...s.map((x) => x + 1)];
    return { input: callsOf(list.map(() => docs), list), hidden: { docs, seeds: s, first: null as string[] | null } };
  },
  next: (output, hidden, ctx, stage) =>
    stage === 1
      ? { input: callsOf(hidden.seeds.map(() => hidden.docs), hidden.seeds), hidden: { ...hidden, first: output.calls.map((c) => JSON.stringify(c.value)) }, runnerSeed: deriveSeed(ctx.seed, "again") }
      : null,
  score: (output, hidden): CheckScore => {
    const first = hidden.first ?? [];
    const again = output.calls.map((c) => JSON.stringify(c.value));
    const n = hidden.seeds.length;
    if (first.length !== 2 * n || again.length !== n) return { fraction: 0, feedback: `expected ${2 * n} and ${n} results, got ${first.length} and ${again.length}` };
    if (again.some((text, i) => text !== first[i])) return { fraction: 0, feedback: "the same documents with an equally seeded rng gave different pairs when run again in a fresh process: use only opts.rng for randomness (not Math.random, nor state kept between calls)" };
    if (first.slice(0, n).every((text, i) => text === first[i + n])) return { fraction: 0, feedback: "differently seeded rng arguments gave the same pairs: the randomness must come from opts.rng" };
    return { fraction: 1, feedback: "The same rng gives the same pairs, also in a fresh process; another rng gives others." };
  },
});

export const checks: AnyCheck[] = [
  publicTestsCheck({ title: "Public tests (informational)", limits: LIMITS }),
  coverage,
  positives,
  negatives,
  balance,
  spread,
  edgeCheck({ wallSeconds: 5, cpuSeconds: 10, memoryMb: 512 }),
  determinism,
];
