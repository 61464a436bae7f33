/** Hidden: the reference solution of mlm-masking (course check grades it and expects full marks). */
export const CANARY = "unlabeled-hidden-mlm-masking-solution";

export function maskTokens(
  tokens: readonly number[],
  opts: { maskId: number; vocabSize: number; specialIds: readonly number[]; rng: () => number; maskProb?: number },
): { inputIds: number[]; labels: number[] } {
  const { maskId, vocabSize, rng } = opts;
  const maskProb = opts.maskProb ?? 0.15;
  const special = new Set(opts.specialIds);
  const candidates: number[] = [];
  for (let id = 0; id < vocabSize; id++) if (!special.has(id)) candidates.push(id);
  const inputIds = tokens.slice();
  const labels = tokens.map(() => -100);
  tokens.forEach((token, i) => {
    if (special.has(token) || rng() >= maskProb) return;
    labels[i] = token;
    const r = rng();
    if (r < 0.8) inputIds[i] = maskId;
    else if (r < 0.9) inputIds[i] = candidates[Math.floor(rng() * candidates.length)]!;
  });
  return { inputIds, labels };
}
