/**
 * BERT's masking rule. Select each non-special token with probability maskProb (default 0.15); a selected token
 * becomes [MASK] (80%), a random non-special id (10%) or stays as it is (10%), and its label is the original
 * token. Every other position keeps its token and gets the label -100. Use only opts.rng for randomness.
 */
export function maskTokens(
  tokens: readonly number[],
  opts: { maskId: number; vocabSize: number; specialIds: readonly number[]; rng: () => number; maskProb?: number },
): { inputIds: number[]; labels: number[] } {
  // TODO: implement the selection and the 80/10/10 replacement.
  throw new Error(`maskTokens is not implemented yet (got ${tokens.length} tokens, maskId ${opts.maskId})`);
}
