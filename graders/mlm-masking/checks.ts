/**
 * Hidden: the checks of mlm-masking. Structure is checked exactly on every call; the random parts (selection
 * rate, 80/10/10 split, replacement ids) with binomial bounds of 5 standard deviations, so a correct solution
 * fails a run with probability far below 1e-4, while the usual mistakes land dozens of deviations away.
 */
import { defineCheck, type AnyCheck, type CheckScore } from "../engine/check";
import type { HostValue } from "../engine/host-values";
import { publicTestsCheck } from "../engine/public-tests";
import { emptyTally, percent, readOutput, SAME_BY_CHANCE, structureProblem, tally, within, type Masked, type Tally } from "./analysis";
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
  points: 2,
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
  points: 2,
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
  points: 1,
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
  points: 2,
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
    const ok = a.ok && b.ok;
    return { fraction: ok ? 1 : 0, feedback: [ok ? "Selection rates are within the statistical bounds." : "Selection rate out of bounds.", a.line, b.line, ...hints].join("\n") };
  },
});

const replacementSplit = defineCheck({
  id: "replacement-split",
  title: "Selected tokens follow the 80/10/10 rule",
  points: 2,
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
    const ok = lines.every((l) => l.ok);
    const hints: string[] = [];
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
  points: 1,
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

const determinism = defineCheck({
  id: "determinism",
  title: "Uses only the rng it is given",
  points: 1,
  visibility: "hidden",
  limits: LIMITS,
  dependsOn: ["labels-exact"],
  task: "call",
  prepare: (ctx) => {
    const base = cases(ctx.rng, 6, 80, 0.5);
    const other = base.map((c) => ({ ...c, rngSeed: c.rngSeed + 1 }));
    const list = [...base, ...base, ...other];
    return { input: callsOf(list), hidden: list };
  },
  score: (output): CheckScore => {
    const text = output.calls.map((c) => JSON.stringify(c.value));
    const differs = [0, 1, 2, 3, 4, 5].findIndex((i) => text[i] !== text[i + 6]);
    if (differs !== -1) return { fraction: 0, feedback: `two calls with the same tokens and equally seeded rng gave different results: use only opts.rng for randomness (not Math.random or state kept between calls)` };
    if ([0, 1, 2, 3, 4, 5].every((i) => text[i] === text[i + 12])) return { fraction: 0, feedback: "differently seeded rng arguments gave the same results: the randomness must come from opts.rng" };
    return { fraction: 1, feedback: "The same rng gives the same masking; another rng gives another." };
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
