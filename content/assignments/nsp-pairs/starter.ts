/**
 * Next-sentence-prediction pairs. For every sentence that has a successor in its document (document by document,
 * sentence by sentence): with probability 0.5 pair it with that successor (isNext true), otherwise with a random
 * sentence of another document (isNext false). Use only opts.rng for randomness.
 */
export function makeNspPairs(docs: readonly (readonly string[])[], opts: { rng: () => number }): { a: string; b: string; isNext: boolean }[] {
  // TODO: build the pairs.
  throw new Error(`makeNspPairs is not implemented yet (got ${docs.length} documents, rng ${typeof opts.rng})`);
}
