import type { Tf } from "./load-tf";

/** Cut a side × side image (row-major) into (side / patch)² patches of patch × patch pixels, row by row. */
export function patchify(pixels: number[], side: number, patch: number): number[][] {
  if (side % patch !== 0) throw new Error(`patch size ${patch} does not divide image size ${side}`);
  const g = side / patch;
  const out: number[][] = [];
  for (let pr = 0; pr < g; pr++) {
    for (let pc = 0; pc < g; pc++) {
      const cells: number[] = [];
      for (let r = 0; r < patch; r++)
        for (let c = 0; c < patch; c++) cells.push(pixels[(pr * patch + r) * side + pc * patch + c]!);
      out.push(cells);
    }
  }
  return out;
}

/** The inverse of patchify. */
export function unpatchify(patches: number[][], side: number, patch: number): number[] {
  const g = side / patch;
  const out = new Array<number>(side * side).fill(0);
  patches.forEach((cells, k) => {
    const pr = Math.floor(k / g);
    const pc = k % g;
    cells.forEach((v, i) => {
      out[(pr * patch + Math.floor(i / patch)) * side + pc * patch + (i % patch)] = v;
    });
  });
  return out;
}

/**
 * MAE's random masking: draw one uniform noise value per patch and keep the patches with the smallest noise.
 * Exactly round((1 − ratio) · n) patches stay visible, at least one. Returns true where a patch is masked.
 */
export function randomPatchMask(tf: Tf, n: number, ratio: number, seed: number): boolean[] {
  const keep = Math.max(1, Math.round((1 - ratio) * n));
  const kept = tf.tidy(
    () => tf.topk(tf.randomUniform([n], 0, 1, "float32", seed).neg(), keep).indices.arraySync() as number[],
  );
  const masked = new Array<boolean>(n).fill(true);
  for (const k of kept) masked[k] = false;
  return masked;
}

/** What the encoder is given: only the visible patches, in order, with their positions. */
export function visiblePatches(patches: number[][], masked: boolean[]): { index: number; cells: number[] }[] {
  return patches.flatMap((cells, index) => (masked[index] ? [] : [{ index, cells }]));
}

/**
 * A stand-in for MAE's decoder that learns nothing: fill each masked patch with the mean colour of the visible
 * patches among its 8 neighbours (or of all visible patches when none is adjacent). A trained decoder must beat it.
 */
export function naiveReconstruction(patches: number[][], masked: boolean[]): number[][] {
  const g = Math.round(Math.sqrt(patches.length));
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const visibleMeans = patches.map((cells, k) => (masked[k] ? null : mean(cells)));
  const global = mean(visibleMeans.filter((v): v is number => v !== null));
  return patches.map((cells, k) => {
    if (!masked[k]) return cells;
    const r = Math.floor(k / g);
    const c = k % g;
    const around: number[] = [];
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        const rr = r + dr;
        const cc = c + dc;
        if ((dr || dc) && rr >= 0 && cc >= 0 && rr < g && cc < g && visibleMeans[rr * g + cc] != null)
          around.push(visibleMeans[rr * g + cc]!);
      }
    }
    return cells.map(() => (around.length ? mean(around) : global));
  });
}

/** MAE's loss: mean squared error over the pixels of masked patches only (0 when nothing is masked). */
export function maskedMse(target: number[][], prediction: number[][], masked: boolean[]): number {
  let sum = 0;
  let count = 0;
  target.forEach((cells, k) => {
    if (!masked[k]) return;
    cells.forEach((v, i) => {
      sum += (v - prediction[k]![i]!) ** 2;
      count++;
    });
  });
  return count ? sum / count : 0;
}

/** Self-attention cost of the encoder relative to encoding all n patches: it grows with the square of the tokens. */
export function encoderAttentionCost(visible: number, n: number): number {
  return (visible / n) ** 2;
}
