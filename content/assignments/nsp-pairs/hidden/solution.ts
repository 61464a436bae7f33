/** Hidden: the reference solution of nsp-pairs (course check grades it and expects full marks). */
export const CANARY = "unlabeled-hidden-nsp-pairs-solution";

export function makeNspPairs(docs: readonly (readonly string[])[], opts: { rng: () => number }): { a: string; b: string; isNext: boolean }[] {
  const pairs: { a: string; b: string; isNext: boolean }[] = [];
  docs.forEach((doc, d) => {
    const others: string[] = [];
    docs.forEach((other, o) => {
      if (o !== d) others.push(...other);
    });
    for (let s = 0; s + 1 < doc.length; s++) {
      if (others.length === 0 || opts.rng() < 0.5) pairs.push({ a: doc[s]!, b: doc[s + 1]!, isNext: true });
      else pairs.push({ a: doc[s]!, b: others[Math.floor(opts.rng() * others.length)]!, isNext: false });
    }
  });
  return pairs;
}
