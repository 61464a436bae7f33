/** Reading leaderboard values out of a stored result's `leaderboard[]` (see README.md for the convention). */

export const privateName = (metric: string) => `${metric}:private`;

function metricValue(entries: unknown, name: string): number | null {
  if (!Array.isArray(entries)) return null;
  for (const e of entries) {
    if (e && typeof e === "object" && (e as { name?: unknown }).name === name) {
      const v = (e as { value?: unknown }).value;
      return typeof v === "number" && Number.isFinite(v) ? v : null;
    }
  }
  return null;
}

export function metricValues(entries: unknown, metric: string): { public: number | null; private: number | null } {
  return { public: metricValue(entries, metric), private: metricValue(entries, privateName(metric)) };
}

export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
