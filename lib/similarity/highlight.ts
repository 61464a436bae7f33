/**
 * Splits a source into runs for the side-by-side view: each run is plain text or text inside one or more matched
 * fragments (numbered from 1, longest first, as stored). Pure; the page renders covered runs as <mark> with the
 * fragment numbers as text, so the highlight never relies on colour alone.
 */
export interface Run {
  text: string;
  /** Fragment numbers covering this run (ascending); empty for plain text. */
  fragments: number[];
  /** Fragment numbers that start at this run (the page puts their label and anchor here). */
  starts: number[];
}

export function highlightRuns(source: string, ranges: readonly { start: number; end: number }[]): Run[] {
  const cuts = new Set([0, source.length]);
  const valid = ranges
    .map((r, i) => ({
      n: i + 1,
      start: Math.max(0, Math.min(r.start, source.length)),
      end: Math.min(r.end, source.length),
    }))
    .filter((r) => r.end > r.start);
  for (const r of valid) {
    cuts.add(r.start);
    cuts.add(r.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    const fragments = valid.filter((r) => r.start <= from && to <= r.end).map((r) => r.n);
    const starts = valid.filter((r) => r.start === from).map((r) => r.n);
    const last = runs[runs.length - 1];
    // Merge neighbours with the same cover and no fragment starting in between.
    if (last && starts.length === 0 && last.fragments.join() === fragments.join()) last.text += source.slice(from, to);
    else runs.push({ text: source.slice(from, to), fragments, starts });
  }
  return runs;
}
