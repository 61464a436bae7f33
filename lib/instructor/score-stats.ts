/** Pure helpers for the instructor dashboard. */

/** Counts of fractions (score / max) in `bins` equal bins over [0, 1]; 1.0 falls in the last bin. */
export function histogram(fractions: number[], bins = 10): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const f of fractions) {
    if (!Number.isFinite(f)) continue;
    const i = Math.min(bins - 1, Math.max(0, Math.floor(f * bins)));
    counts[i]!++;
  }
  return counts;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
