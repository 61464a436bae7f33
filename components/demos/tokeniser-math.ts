import { BIGRAM_CORPUS, END, START } from "./bigram-corpus";
import type { Tf } from "./load-tf";

export const UNK = "<unk>";

export interface Tokeniser {
  name: string;
  split(text: string): string[];
}

export const WORDS: Tokeniser = { name: "word-level", split: (t) => t.trim().split(/\s+/).filter(Boolean) };
export const CHARACTERS: Tokeniser = { name: "character-level", split: (t) => [...t.trim().replace(/\s+/g, " ")] };

export interface BigramModel {
  vocab: string[];
  /** log p(next | previous) in nats, [previous][next]. */
  logProbs: number[][];
}

/** An add-α bigram model over `tokeniser`'s tokens of `corpus`, counted as one product of one-hot matrices. */
export function trainBigram(tf: Tf, corpus: readonly string[], tokeniser: Tokeniser, alpha: number): BigramModel {
  const seqs = corpus.map((line) => [START, ...tokeniser.split(line), END]);
  const vocab = Array.from(new Set([...seqs.flat(), UNK]));
  const index = new Map(vocab.map((w, i) => [w, i]));
  const prev = seqs.flatMap((s) => s.slice(0, -1).map((w) => index.get(w)!));
  const next = seqs.flatMap((s) => s.slice(1).map((w) => index.get(w)!));
  const V = vocab.length;
  const logProbs = tf.tidy(() => {
    const counts = tf
      .oneHot(tf.tensor1d(prev, "int32"), V)
      .transpose()
      .matMul(tf.oneHot(tf.tensor1d(next, "int32"), V))
      .add(alpha);
    return counts.div(counts.sum(1, true)).log().arraySync() as number[][];
  });
  return { vocab, logProbs };
}

export interface TextScore {
  tokeniser: string;
  tokens: string[];
  /** Tokens the model never saw, scored as <unk>. */
  unknown: string[];
  /** Prediction steps: the tokens plus the end of the text. */
  steps: number;
  /** −log₂ p(text) under this model. */
  bits: number;
  /** 2^(bits / steps): the per-token perplexity. */
  perplexity: number;
  /** bits / number of characters of the text. */
  bitsPerCharacter: number;
}

export function scoreText(model: BigramModel, tokeniser: Tokeniser, text: string): TextScore {
  const index = new Map(model.vocab.map((w, i) => [w, i]));
  const tokens = tokeniser.split(text);
  const ids = [START, ...tokens, END].map((w) => index.get(w) ?? index.get(UNK)!);
  let nats = 0;
  for (let t = 1; t < ids.length; t++) nats -= model.logProbs[ids[t - 1]!]![ids[t]!]!;
  const bits = nats / Math.LN2;
  const steps = ids.length - 1;
  const characters = text.trim().replace(/\s+/g, " ").length;
  return {
    tokeniser: tokeniser.name,
    tokens,
    unknown: tokens.filter((w) => !index.has(w)),
    steps,
    bits,
    perplexity: 2 ** (bits / steps),
    bitsPerCharacter: bits / Math.max(1, characters),
  };
}

/** The same text under a word-level and a character-level model trained on the same sentences. */
export function compareTokenisers(
  tf: Tf,
  text: string,
  alpha = 0.1,
  corpus: readonly string[] = BIGRAM_CORPUS,
): TextScore[] {
  return [WORDS, CHARACTERS].map((tok) => scoreText(trainBigram(tf, corpus, tok, alpha), tok, text));
}
