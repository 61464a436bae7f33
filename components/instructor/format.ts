/** Formatting shared by the instructor and leaderboard components (server and client). */

export function utc(d: Date | string | null | undefined): string {
  if (!d) return "—";
  const date = typeof d === "string" ? new Date(d) : d;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function num(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  return String(Math.round(x * 10 ** digits) / 10 ** digits);
}

export function seconds(s: number | null | undefined): string {
  if (s === null || s === undefined) return "—";
  return s < 120 ? `${num(s, 1)} s` : `${num(s / 60, 1)} min`;
}

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((100 * part) / whole)}%` : "—";
}

/** A late policy in words (null: the assignment takes no late work). */
export function policyText(p: { penalty_per_day: number; max_penalty: number; grace_minutes: number } | null): string {
  return p
    ? `−${Math.round(p.penalty_per_day * 1000) / 10}% per started day, at most −${Math.round(p.max_penalty * 1000) / 10}%, ${p.grace_minutes} min grace`
    : "no late submissions";
}
