import type { Tf } from "./load-tf";

export type MaskAction = "keep" | "mask" | "random" | "same";

export const MASK_FILLER = ["river", "seven", "blue", "quickly", "paper", "under", "song", "window", "bright", "stone"];

/**
 * BERT's recipe on one token sequence: each token is selected with probability `rate` (at least one is), and a
 * selected token becomes [MASK] with probability 0.8, a random vocabulary word with 0.1, or stays itself with 0.1.
 */
export function maskTokens(
  tf: Tf,
  tokens: string[],
  rate: number,
  seed: number,
): { actions: MaskAction[]; shown: string[] } {
  const n = tokens.length;
  const vocab = Array.from(new Set([...tokens.filter((t) => /[a-z0-9]/.test(t)), ...MASK_FILLER]));
  const m = Math.max(n, 1);
  const drawn = [
    tf.randomUniform([m], 0, 1, "float32", seed),
    tf.randomUniform([m], 0, 1, "float32", seed + 1),
    tf.randomUniform([m], 0, vocab.length, "int32", seed + 2),
  ];
  const [u, r, pick] = drawn.map((t) => t.arraySync() as number[]) as [number[], number[], number[]];
  tf.dispose(drawn);
  const selected = u.slice(0, n).map((x) => x < rate);
  if (n > 0 && !selected.some(Boolean)) selected[u.slice(0, n).indexOf(Math.min(...u.slice(0, n)))] = true;
  const actions: MaskAction[] = selected.map((s, i) =>
    !s ? "keep" : r[i]! < 0.8 ? "mask" : r[i]! < 0.9 ? "random" : "same",
  );
  const shown = tokens.map((t, i) =>
    actions[i] === "mask" ? "[MASK]" : actions[i] === "random" ? vocab[pick[i]!]! : t,
  );
  return { actions, shown };
}

/** Fractions of `draws` simulated tokens that are masked, randomised, kept-but-predicted and ignored. */
export function maskingFractions(
  tf: Tf,
  rate: number,
  seed: number,
  draws = 20000,
): { mask: number; random: number; same: number; ignored: number } {
  const fractions = tf.tidy(() => {
    const sel = tf.randomUniform([draws], 0, 1, "float32", seed).less(rate);
    const how = tf.randomUniform([draws], 0, 1, "float32", seed + 1);
    const cases = [
      sel.logicalAnd(how.less(0.8)),
      sel.logicalAnd(how.greaterEqual(0.8)).logicalAnd(how.less(0.9)),
      sel.logicalAnd(how.greaterEqual(0.9)),
      sel.logicalNot(),
    ];
    return tf.stack(cases).cast("float32").mean(1);
  });
  const [mask, random, same, ignored] = fractions.arraySync() as number[];
  fractions.dispose();
  return { mask: mask!, random: random!, same: same!, ignored: ignored! };
}
