/**
 * Hidden: the small corpus of the causal-attention training check, written for this project: a few lines and a
 * small grammar. Characters become ids of a vocabulary built from the whole text.
 */
import { createRng } from "@unlabeled/sdk";

export const CANARY = "unlabeled-hidden-causal-attention-corpus";

/** Hand-written lines, plus sentences generated from a small grammar so the model cannot just memorise. */
const LINES: readonly string[] = [
  "the cat sat on the mat and the dog sat on the rug.",
  "a small boat sailed past the harbour wall at dawn.",
  "the baker sells warm bread, sweet buns and apple pies.",
  "we walked along the river until the path turned to sand.",
  "the lamp in the window burns late on winter nights.",
  "she counted the stars and wrote the number in her book.",
  "the wind moved the tall grass like waves on a green sea.",
  "an old clock ticks on the shelf above the fireplace.",
];

const GRAMMAR = {
  subject: ["the cat", "the old dog", "a farmer", "my sister", "the baker", "a small bird", "the teacher", "our neighbour"],
  verb: ["watched", "found", "painted", "carried", "followed", "counted", "liked", "visited"],
  object: ["the red boat", "a green door", "the tall tree", "the quiet river", "a warm loaf", "the stone bridge", "the blue kite", "an apple"],
  tail: ["at dawn", "in the rain", "after lunch", "by the sea", "every day", "on sunday", "near the mill", "before dark"],
};

function pickFrom(rng: () => number, list: readonly string[]): string {
  return list[Math.floor(rng() * list.length)]!;
}

/** `count` sentences of the grammar: subject verb object tail, sometimes "and" a second verb and object. */
function generated(count: number, seed: number): string[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const second = rng() < 0.4 ? ` and ${pickFrom(rng, GRAMMAR.verb)} ${pickFrom(rng, GRAMMAR.object)}` : "";
    return `${pickFrom(rng, GRAMMAR.subject)} ${pickFrom(rng, GRAMMAR.verb)} ${pickFrom(rng, GRAMMAR.object)}${second} ${pickFrom(rng, GRAMMAR.tail)}.`;
  });
}

export interface CharData {
  vocab: string[];
  train: number[];
  validation: number[];
}

function encode(text: string, vocab: string[]): number[] {
  return [...text].map((ch) => vocab.indexOf(ch));
}

/** Training text (hand-written lines and 200 generated sentences) and validation text (40 other generated sentences). */
export function charData(): CharData {
  const trainText = [...LINES, ...generated(200, 6)].join("\n") + "\n";
  const validationText = generated(40, 7).join("\n") + "\n";
  const vocab = [...new Set(trainText + validationText)].sort();
  return { vocab, train: encode(trainText, vocab), validation: encode(validationText, vocab) };
}

/** Windows of `width` ids starting every `stride` characters. */
export function windows(ids: readonly number[], width: number, stride: number): number[][] {
  const out: number[][] = [];
  for (let start = 0; start + width <= ids.length; start += stride) out.push(ids.slice(start, start + width));
  return out;
}

/** Cross-entropy (nats per character) of the targets under the training unigram distribution (add-one smoothing). */
export function unigramLoss(train: readonly number[], targets: readonly number[], vocabSize: number): number {
  const counts = new Array<number>(vocabSize).fill(1);
  for (const id of train) counts[id]!++;
  const total = counts.reduce((a, b) => a + b, 0);
  return targets.reduce((sum, id) => sum - Math.log(counts[id]! / total), 0) / targets.length;
}
