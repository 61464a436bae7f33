/**
 * Matched fragments of one pair of sources (docs/similarity.md). Pure.
 *
 * Every shared fingerprint gives a paired occurrence (its index among the left file's fingerprints, and the right
 * file's). Occurrences that follow each other on both sides (left i → i + 1 and right j → j + 1: one diagonal) are
 * merged into one fragment, as Dolos does; a fragment whose ranges lie inside another's on both sides is dropped.
 * Each fragment maps back to offsets and 1-based line/column ranges in both sources.
 */
import type { Token } from "./tokenize";
import type { Fingerprint } from "./winnow";

/** A span of a source: offsets (end exclusive) and 1-based lines and columns (end: the last character's). */
export interface SourceRange {
  start: number;
  end: number;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Fragment {
  left: SourceRange;
  right: SourceRange;
  /** Shared fingerprints (k-grams) merged into this fragment. */
  kgrams: number;
}

/** One file as the comparison sees it: its source, tokens and fingerprints. */
export interface Indexed {
  source: string;
  tokens: Token[];
  fingerprints: Fingerprint[];
  /** Offsets at which each line starts (line 1 at index 0). */
  lineStarts: number[];
}

export function lineStarts(source: string): number[] {
  const out = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

/** 1-based line and column of an offset. */
function position(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/** The source range covered by fingerprints `first … last` (indices into the file's fingerprints). */
export function rangeOf(file: Indexed, first: number, last: number, k: number): SourceRange {
  const from = file.tokens[file.fingerprints[first]!.pos]!;
  const lastToken = Math.min(file.fingerprints[last]!.pos + k - 1, file.tokens.length - 1);
  const to = file.tokens[lastToken]!;
  const a = position(file.lineStarts, from.start);
  const b = position(file.lineStarts, Math.max(from.start, to.end - 1));
  return {
    start: from.start,
    end: to.end,
    startLine: a.line,
    startColumn: a.column,
    endLine: b.line,
    endColumn: b.column,
  };
}

interface Run {
  leftFirst: number;
  leftLast: number;
  rightFirst: number;
  rightLast: number;
  kgrams: number;
}

/** At most this many occurrences of one hash per side are paired (a hash repeated in a loop would pair quadratically). */
const MAX_REPEAT = 8;

/**
 * The fragments shared by `left` and `right`, longest first. `shared(hash)` says whether a hash counts (present on
 * both sides and not ignored).
 */
export function matchFragments(
  left: Indexed,
  right: Indexed,
  k: number,
  shared: (hash: number) => boolean,
): Fragment[] {
  const rightAt = new Map<number, number[]>();
  right.fingerprints.forEach((f, j) => {
    if (!shared(f.hash)) return;
    const list = rightAt.get(f.hash);
    if (!list) rightAt.set(f.hash, [j]);
    else if (list.length < MAX_REPEAT) list.push(j);
  });
  const open = new Map<string, Run>();
  const runs: Run[] = [];
  const seen = new Map<number, number>();
  left.fingerprints.forEach((f, i) => {
    const js = rightAt.get(f.hash);
    if (!js) return;
    const n = (seen.get(f.hash) ?? 0) + 1;
    seen.set(f.hash, n);
    if (n > MAX_REPEAT) return;
    for (const j of js) {
      const prev = open.get(`${i - 1},${j - 1}`);
      if (prev) {
        open.delete(`${i - 1},${j - 1}`);
        prev.leftLast = i;
        prev.rightLast = j;
        prev.kgrams++;
        open.set(`${i},${j}`, prev);
      } else {
        const run = { leftFirst: i, leftLast: i, rightFirst: j, rightLast: j, kgrams: 1 };
        runs.push(run);
        open.set(`${i},${j}`, run);
      }
    }
  });
  runs.sort((a, b) => b.kgrams - a.kgrams || a.leftFirst - b.leftFirst || a.rightFirst - b.rightFirst);
  const kept: Run[] = [];
  for (const r of runs) {
    const inside = kept.some(
      (o) =>
        o.leftFirst <= r.leftFirst &&
        r.leftLast <= o.leftLast &&
        o.rightFirst <= r.rightFirst &&
        r.rightLast <= o.rightLast,
    );
    if (!inside) kept.push(r);
  }
  return kept.map((r) => ({
    left: rangeOf(left, r.leftFirst, r.leftLast, k),
    right: rangeOf(right, r.rightFirst, r.rightLast, k),
    kgrams: r.kgrams,
  }));
}
