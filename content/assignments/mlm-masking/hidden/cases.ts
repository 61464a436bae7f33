/** Hidden: the token sequences and options the mlm-masking checks send to the student's maskTokens. */
import { RngArg, type HostValue } from "@unlabeled/sdk";

export const CANARY = "unlabeled-hidden-mlm-masking-cases";

/** The vocabulary of the hidden tests: specials are not a contiguous block, and [MASK] is one of them. */
export const VOCAB_SIZE = 40;
export const PAD = 0;
export const CLS = 11;
export const SEP = 12;
export const MASK = 13;
export const SPECIALS: readonly number[] = [PAD, CLS, SEP, MASK];
export const NON_SPECIAL: readonly number[] = Array.from({ length: VOCAB_SIZE }, (_, id) => id).filter((id) => !SPECIALS.includes(id));

export interface Case {
  tokens: number[];
  maskProb?: number;
  rngSeed: number;
}

function word(rng: () => number): number {
  return NON_SPECIAL[Math.floor(rng() * NON_SPECIAL.length)]!;
}

/** [CLS] a… [SEP] b… [SEP] [PAD]…: a sentence pair of `length` tokens with specials at both ends and inside. */
export function sequence(rng: () => number, length: number): number[] {
  const pads = Math.floor(rng() * Math.max(1, length / 8));
  const body = Math.max(2, length - 3 - pads);
  const split = 1 + Math.floor(rng() * (body - 1));
  const words = Array.from({ length: body }, () => word(rng));
  return [CLS, ...words.slice(0, split), SEP, ...words.slice(split), SEP, ...Array<number>(pads).fill(PAD)];
}

export function cases(rng: () => number, count: number, length: number, maskProb?: number): Case[] {
  return Array.from({ length: count }, () => ({ tokens: sequence(rng, length), maskProb, rngSeed: Math.floor(rng() * 2 ** 31) }));
}

/** The arguments of one call: (tokens, opts) with a seeded generator; maskProb omitted when undefined. */
export function argsOf(c: Case): HostValue[] {
  const opts: Record<string, HostValue> = { maskId: MASK, vocabSize: VOCAB_SIZE, specialIds: [...SPECIALS], rng: new RngArg(c.rngSeed) };
  if (c.maskProb !== undefined) opts.maskProb = c.maskProb;
  return [c.tokens, opts];
}

export function callsOf(list: Case[], exportName = "maskTokens") {
  return { export: exportName, calls: list.map((c) => ({ args: argsOf(c) })) };
}

/** Sequences made mostly of specials, for the check that specials are never selected. */
export function specialHeavy(rng: () => number, count: number, length: number, maskProb: number): Case[] {
  return Array.from({ length: count }, () => ({
    tokens: Array.from({ length }, () => (rng() < 0.5 ? SPECIALS[Math.floor(rng() * SPECIALS.length)]! : word(rng))),
    maskProb,
    rngSeed: Math.floor(rng() * 2 ** 31),
  }));
}
