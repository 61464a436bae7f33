/**
 * Hidden: the checks of mlm-masking. Structure is checked exactly on every call; the random parts (selection
 * rate, 80/10/10 split, replacement ids) with binomial bounds of 5 standard deviations, so a correct solution
 * fails a run with probability far below 1e-4, while the usual mistakes land dozens of deviations away.
 */
import { defineCheck, publicTestsCheck, deriveSeed, binaryEntropy, dispersion, enoughDraws, serialIndependence, type AnyCheck, type CheckScore, type HostValue, type TestOutcome } from "@unlabeled/sdk";
import { emptyTally, outcomeSequences, percent, readOutput, SAME_BY_CHANCE, structureProblem, tally, within, type Masked, type Tally } from "./analysis";
import { callsOf, cases, NON_SPECIAL, SPECIALS, specialHeavy, VOCAB_SIZE, type Case } from "./cases";
import { edgeCheck } from "./edge-checks";

export const CANARY = "unlabeled-hidden-mlm-masking-checks";

const LIMITS = { wallSeconds: 10, cpuSeconds: 20, memoryMb: 512 };

/** Reads every call's output; the first malformed one or structural mistake ends the check. */
function readAll(values: HostValue[], list: Case[]): Masked[] | string {
  if (values.length !== list.length) return `expected ${list.length} results, got ${values.length}`;
  const outs: Masked[] = [];
  for (let i = 0; i < list.length; i++) {
    const out = readOutput(values[i]!, list[i]!.tokens.length);
    if (typeof out === "string") return `call ${i + 1}: ${out}`;
    outs.push(out);
  }
  return outs;
}

function tallyAll(outs: Masked[], list: Case[]): Tally {
  return outs.reduce((t, out, i) => tally(t, list[i]!.tokens, out), emptyTally());
}

const labelsExact = defineCheck({
  id: "labels-exact",
  title: "Labels and unselected inputs are exact",
  visibility: "visible",
  limits: LIMITS,
  task: "call",
  prepare: (ctx) => {
    const list = cases(ctx.rng, 30, 40);
    return { input: callsOf(list), hidden: list };
  },
  score: (output, list): CheckScore => {
    const outs = readAll(output.calls.map((c) => c.value), list);
    if (typeof outs === "string") return { fraction: 0, feedback: outs };
    for (let i = 0; i < outs.length; i++) {
      const problem = structureProblem(list[i]!.tokens, outs[i]!);
      if (problem) return { fraction: 0, feedback: `call ${i + 1}, ${problem}` };
    }
    const t = tallyAll(outs, list);
    if (t.nonSpecial >= 200 && t.selected > 0.9 * t.nonSpecial) {
      return { fraction: 0, feedback: `labels on every position: ${percent(t.selected, t.nonSpecial)} of the non-special positions have a label; only the selected ~15% may, the others get -100` };
    }
    return { fraction: 1, feedback: `${outs.length} calls: every label is the original token or -100, and every unselected input is unchanged.` };
  },
});

const specialsUntouched = defineCheck({
  id: "specials-untouched",
  title: "Special tokens are never selected",
  visibility: "visible",
  limits: LIMITS,
  dependsOn: ["labels-exact"],
  task: "call",
  prepare: (ctx) => {
    const list = [...specialHeavy(ctx.rng, 10, 60, 0.5), ...specialHeavy(ctx.rng, 10, 60, 1)];
    return { input: callsOf(list), hidden: list };
  },
  score: (output, list): CheckScore => {
    const outs = readAll(output.calls.map((c) => c.value), list);
    if (typeof outs === "string") return { fraction: 0, feedback: outs };
    const t = tallyAll(outs, list);
    if (t.specialSelected > 0 || t.specialChanged > 0) {
      return {
        fraction: 0,
        feedback: `masking special tokens: ${t.specialSelected} special positions got a label and ${t.specialChanged} had their input changed (specialIds were ${SPECIALS.join(", ")}); skip every token listed in specialIds`,
      };
    }
    return { fraction: 1, feedback: "No special token was selected or changed." };
  },
});

const noMutation = defineCheck({
  id: "no-mutation",
  title: "Leaves the tokens array unchanged",
  visibility: "visible",
  limits: LIMITS,
  dependsOn: ["labels-exact"],
  task: "call-inspect",
  prepare: (ctx) => {
    const list = cases(ctx.rng, 10, 40, 0.5);
    return { input: callsOf(list), hidden: list };
  },
  score: (output, list): CheckScore => {
    const changed = output.calls.findIndex((c, i) => JSON.stringify(c.argsAfter[0]) !== JSON.stringify(list[i]!.tokens));
    if (changed !== -1) return { fraction: 0, feedback: `maskTokens changed the tokens array it was given (call ${changed + 1}); copy it (tokens.slice()) before writing` };
    return { fraction: 1, feedback: "The tokens array was left as it was." };
  },
});

/** Counts of one maskProb setting against its binomial bounds. */
function rateLine(name: string, count: number, n: number, p: number): { ok: boolean; line: string } {
  const ok = within(count, n, p);
  return { ok, line: `${name}: ${percent(count, n)} of ${n} (expected about ${(100 * p).toFixed(1)}%)` };
}

const selectionRate = defineCheck({
  id: "selection-rate",
  title: "Selects each non-special token with probability maskProb",
  visibility: "visible",
  limits: LIMITS,
  dependsOn: ["labels-exact"],
  task: "call",
  prepare: (ctx) => {
    const list = [...cases(ctx.rng, 40, 600), ...cases(ctx.rng, 20, 600, 0.3)];
    return { input: callsOf(list), hidden: list };
  },
  score: (output, list): CheckScore => {
    const outs = readAll(output.calls.map((c) => c.value), list);
    if (typeof outs === "string") return { fraction: 0, feedback: outs };
    const byDefault = tallyAll(outs.slice(0, 40), list.slice(0, 40));
    const custom = tallyAll(outs.slice(40), list.slice(40));
    const a = rateLine("selected with the default maskProb", byDefault.selected, byDefault.nonSpecial, 0.15);
    const b = rateLine("selected with maskProb 0.3", custom.selected, custom.nonSpecial, 0.3);
    const hints: string[] = [];
    if (!b.ok && Math.abs(custom.selected / custom.nonSpecial - 0.15) < 0.03) hints.push("opts.maskProb is ignored: use it when given, 0.15 otherwise");
    if (!a.ok && byDefault.selected / byDefault.nonSpecial < 0.15) hints.push("too few positions are selected: every selected position keeps its label, even when its input is left unchanged");
    // Not only the rate: each position must be selected independently, with numbers drawn from rng.
    const seqs = outs.map((out, i) => outcomeSequences(list[i]!.tokens, out).selected);
    const counts = seqs.map((q) => q.reduce((s, x) => s + x, 0));
    const process: TestOutcome[] = [
      dispersion(counts.slice(0, 40), seqs.slice(0, 40).map((q) => q.length), 0.15, "selections per call (default maskProb)"),
      dispersion(counts.slice(40), seqs.slice(40).map((q) => q.length), 0.3, "selections per call (maskProb 0.3)"),
      serialIndependence(seqs, "selection of neighbouring tokens"),
      enoughDraws(output.calls.reduce((s, c) => s + c.draws, 0), seqs.reduce((s, q, i) => s + q.length * binaryEntropy(i < 40 ? 0.15 : 0.3), 0), "draws"),
    ];
    if (process.some((t) => !t.ok)) hints.push("every non-special position must be selected independently with probability maskProb, each decision drawn from opts.rng (for example rng() < maskProb per position): a pattern that only hits the right rate is not that process");
    const ok = a.ok && b.ok && process.every((t) => t.ok);
    const headline = ok ? "Selection rates are within the statistical bounds, and selections behave like independent draws." : !(a.ok && b.ok) ? "Selection rate out of bounds." : "Selections do not behave like independent random draws.";
    return { fraction: ok ? 1 : 0, feedback: [headline, a.line, b.line, ...process.map((t) => t.line), ...hints].join("\n") };
  },
});

const replacementSplit = defineCheck({
  id: "replacement-split",
  title: "Selected tokens follow the 80/10/10 rule",
  visibility: "visible",
  limits: LIMITS,
  dependsOn: ["labels-exact"],
  task: "call",
  prepare: (ctx) => {
    const list = cases(ctx.rng, 40, 600, 0.5);
    return { input: callsOf(list), hidden: list };
  },
  score: (output, list): CheckScore => {
    const outs = readAll(output.calls.map((c) => c.value), list);
    if (typeof outs === "string") return { fraction: 0, feedback: outs };
    const t = tallyAll(outs, list);
    const n = t.selected;
    const lines = [
      rateLine("selected → [MASK]", t.masked, n, 0.8),
      rateLine("selected → random other token", t.random, n, 0.1 * (1 - SAME_BY_CHANCE)),
      rateLine("selected → unchanged", t.kept, n, 0.1 + 0.1 * SAME_BY_CHANCE),
    ];
    const seqs = outs.map((out, i) => outcomeSequences(list[i]!.tokens, out).masked);
    const process = [
      dispersion(seqs.map((q) => q.reduce((s, x) => s + x, 0)), seqs.map((q) => q.length), 0.8, "[MASK] replacements per call"),
      serialIndependence(seqs, "[MASK] among neighbouring selected tokens"),
    ];
    lines.push(...process);
    const ok = lines.every((l) => l.ok);
    const hints: string[] = [];
    if (process.some((l) => !l.ok) && lines.slice(0, 3).every((l) => l.ok)) hints.push("the outcomes have the right rates but do not behave like independent draws: draw one number from opts.rng per selected token and split [0, 1) into 0.8 / 0.1 / 0.1");
    if (t.masked > 0.95 * n) hints.push("no 80/10/10 split: every selected token became [MASK]");
    else if (t.random < 0.02 * n) hints.push("no random replacements: 10% of the selected tokens must become a random non-special token");
    else if (t.kept < 0.03 * n) hints.push("no selected token is left unchanged: 10% must keep their input (and still carry their label)");
    else if (!ok) hints.push("the three outcomes must have probabilities 0.8, 0.1 and 0.1 for every selected token (draw one number and split [0, 1) into 0.8 / 0.1 / 0.1)");
    return { fraction: ok ? 1 : 0, feedback: [`${n} selected positions.`, ...lines.map((l) => l.line), ...hints].join("\n") };
  },
});

const randomReplacements = defineCheck({
  id: "random-replacements",
  title: "Random replacements are uniform non-special ids",
  visibility: "visible",
  limits: LIMITS,
  dependsOn: ["labels-exact"],
  task: "call",
  prepare: (ctx) => {
    const list = cases(ctx.rng, 40, 600, 1);
    return { input: callsOf(list), hidden: list };
  },
  score: (output, list): CheckScore => {
    const outs = readAll(output.calls.map((c) => c.value), list);
    if (typeof outs === "string") return { fraction: 0, feedback: outs };
    const t = tallyAll(outs, list);
    const invalid = [...t.randomIds.keys()].filter((id) => !Number.isInteger(id) || id < 0 || id >= VOCAB_SIZE);
    if (invalid.length) return { fraction: 0, feedback: `random replacements outside [0, vocabSize = ${VOCAB_SIZE}): ${invalid.slice(0, 5).join(", ")}` };
    const special = [...t.randomIds.keys()].filter((id) => SPECIALS.includes(id));
    if (special.length) return { fraction: 0, feedback: `random replacements drew special ids (${special.join(", ")}); draw only from the non-special ids` };
    if (t.random < 200) return { fraction: 0, feedback: `only ${t.random} random replacements among ${t.selected} selected tokens; expected about 10%` };
    const p = 1 / NON_SPECIAL.length;
    const missing = NON_SPECIAL.filter((id) => !t.randomIds.has(id));
    const skewed = NON_SPECIAL.filter((id) => !within(t.randomIds.get(id) ?? 0, t.random, p));
    if (missing.length) return { fraction: 0, feedback: `random replacements never used the ids ${missing.slice(0, 6).join(", ")} in ${t.random} draws: is there an off-by-one in the id range?` };
    if (skewed.length) return { fraction: 0, feedback: `random replacements are not uniform over the non-special ids: ids ${skewed.slice(0, 6).join(", ")} are far too rare or too common` };
    return { fraction: 1, feedback: `${t.random} random replacements, all valid non-special ids, spread evenly.` };
  },
});

/**
 * The same calls run twice, the second time in a fresh process whose Math.random is seeded differently: only a
 * function whose randomness comes from opts.rng (and that keeps no state between calls) gives the same results.
 */
const determinism = defineCheck({
  id: "determinism",
  title: "Uses only the rng it is given",
  visibility: "hidden",
  limits: LIMITS,
  dependsOn: ["labels-exact"],
  task: "call",
  prepare: (ctx) => {
    const base = cases(ctx.rng, 6, 80, 0.5);
    const other = base.map((c) => ({ ...c, rngSeed: c.rngSeed + 1 }));
    return { input: callsOf([...base, ...other]), hidden: { base, first: null as string[] | null } };
  },
  next: (output, hidden, ctx, stage) =>
    stage === 1
      ? { input: callsOf(hidden.base), hidden: { ...hidden, first: output.calls.map((c) => JSON.stringify(c.value)) }, runnerSeed: deriveSeed(ctx.seed, "again") }
      : null,
  score: (output, hidden): CheckScore => {
    const first = hidden.first ?? [];
    const again = output.calls.map((c) => JSON.stringify(c.value));
    const n = hidden.base.length;
    if (first.length !== 2 * n || again.length !== n) return { fraction: 0, feedback: `expected ${2 * n} and ${n} results, got ${first.length} and ${again.length}` };
    if (again.some((text, i) => text !== first[i])) return { fraction: 0, feedback: "the same tokens with an equally seeded rng gave different results when run again in a fresh process: use only opts.rng for randomness (not Math.random, nor state kept between calls)" };
    if (first.slice(0, n).every((text, i) => text === first[i + n])) return { fraction: 0, feedback: "differently seeded rng arguments gave the same results: the randomness must come from opts.rng" };
    return { fraction: 1, feedback: "The same rng gives the same masking, also in a fresh process; another rng gives another." };
  },
});

export const checks: AnyCheck[] = [
  publicTestsCheck({ title: "Public tests (informational)", limits: LIMITS }),
  labelsExact,
  specialsUntouched,
  noMutation,
  selectionRate,
  replacementSplit,
  randomReplacements,
  edgeCheck(LIMITS),
  determinism,
];
