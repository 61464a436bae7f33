/** Hidden: reads maskTokens outputs and counts what happened at each position; the bounds of the rate checks. */
import type { HostValue } from "@unlabeled/sdk";
import { MASK, SPECIALS, VOCAB_SIZE } from "./cases";

export const CANARY = "unlabeled-hidden-mlm-masking-analysis";

export interface Masked {
  inputIds: number[];
  labels: number[];
}

function numbers(value: HostValue | undefined): number[] | null {
  if (Array.isArray(value)) return value.every((v) => typeof v === "number") ? (value as number[]) : null;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  return null;
}

/** The output of one call, or a sentence saying what is wrong with its form. */
export function readOutput(value: HostValue, length: number): Masked | string {
  if (!value || typeof value !== "object" || Array.isArray(value) || ArrayBuffer.isView(value)) return "maskTokens must return an object { inputIds, labels }";
  const record = value as Record<string, HostValue>;
  const inputIds = numbers(record.inputIds);
  const labels = numbers(record.labels);
  if (!inputIds || !labels) return "inputIds and labels must both be arrays of numbers";
  if (inputIds.length !== length || labels.length !== length) {
    return `inputIds and labels must have one entry per token (${length}), got ${inputIds.length} and ${labels.length}`;
  }
  return { inputIds, labels };
}

export interface Tally {
  nonSpecial: number;
  selected: number;
  masked: number;
  kept: number;
  random: number;
  /** Random replacements by id. */
  randomIds: Map<number, number>;
  specialSelected: number;
  specialChanged: number;
}

export function emptyTally(): Tally {
  return { nonSpecial: 0, selected: 0, masked: 0, kept: 0, random: 0, randomIds: new Map(), specialSelected: 0, specialChanged: 0 };
}

/** Adds one call's positions to the tally (the output must have passed the structure check). */
export function tally(into: Tally, tokens: readonly number[], out: Masked): Tally {
  tokens.forEach((token, i) => {
    const input = out.inputIds[i]!;
    const label = out.labels[i]!;
    if (SPECIALS.includes(token)) {
      if (label !== -100) into.specialSelected++;
      if (input !== token) into.specialChanged++;
      return;
    }
    into.nonSpecial++;
    if (label === -100) return;
    into.selected++;
    if (input === MASK) into.masked++;
    else if (input === token) into.kept++;
    else {
      into.random++;
      into.randomIds.set(input, (into.randomIds.get(input) ?? 0) + 1);
    }
  });
  return into;
}

/** One call's outcomes in order: 1/0 for "selected" over its non-special positions, and for "became [MASK]" over its selected ones. */
export function outcomeSequences(tokens: readonly number[], out: Masked): { selected: number[]; masked: number[] } {
  const selected: number[] = [];
  const masked: number[] = [];
  tokens.forEach((token, i) => {
    if (SPECIALS.includes(token)) return;
    const isSelected = out.labels[i] !== -100;
    selected.push(isSelected ? 1 : 0);
    if (isSelected) masked.push(out.inputIds[i] === MASK ? 1 : 0);
  });
  return { selected, masked };
}

/** The first structural problem of one call's labels and inputs, named as the usual mistake. */
export function structureProblem(tokens: readonly number[], out: Masked): string | null {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const input = out.inputIds[i]!;
    const label = out.labels[i]!;
    if (!Number.isInteger(input) || !Number.isInteger(label)) return `position ${i}: inputIds and labels must hold integers, got ${input} and ${label}`;
    if (label !== -100 && label !== token) {
      if (label === input) return `position ${i}: the label is the replacement id ${input}; it must be the original token ${token}`;
      return `position ${i}: the label is ${label}; a selected position's label is the original token (${token}), an unselected one's is -100`;
    }
    if (label === -100 && input !== token) {
      return `position ${i}: the input was changed (${token} → ${input}) but the label is -100; every changed position must be selected and carry the original token as its label`;
    }
  }
  return null;
}

/** Two-sided bounds for a binomial count: z = 5 standard deviations plus 3 (a correct solution lands outside with p < 1e-6). */
export function binomialBounds(n: number, p: number): { lo: number; hi: number } {
  const slack = 5 * Math.sqrt(n * p * (1 - p)) + 3;
  return { lo: n * p - slack, hi: n * p + slack };
}

export function within(count: number, n: number, p: number): boolean {
  const { lo, hi } = binomialBounds(n, p);
  return count >= lo && count <= hi;
}

export function percent(count: number, n: number): string {
  return n === 0 ? "n/a" : `${((100 * count) / n).toFixed(1)}%`;
}

/** The share of random replacements that land on the original token by chance (uniform over non-special ids). */
export const SAME_BY_CHANCE = 1 / (VOCAB_SIZE - SPECIALS.length);
