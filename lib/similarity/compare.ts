/**
 * Pairwise similarity of a set of sources, after Dolos (Maertens et al., "Dolos: Language-agnostic plagiarism
 * detection in source code", J. Computer Assisted Learning, 2022) over the winnowed fingerprints of ./winnow.ts.
 * Pure. See docs/similarity.md.
 *
 * - An index maps every fingerprint hash to the files (and positions) that hold it.
 * - Ignored hashes count nowhere: every k-gram hash of the starter code, and (from `shareMinFiles` files on) every
 *   hash held by more than `maxShare` of the files (boilerplate everybody writes).
 * - similarity(A, B) = (sharedA + sharedB) / (allA + allB): the fingerprints of A whose hash B also holds, plus the
 *   converse, over all (not ignored) fingerprints of both.
 * - For pairs at or above `threshold`: the matched fragments (./fragments.ts), the longest fragment and the total
 *   overlap, both in k-grams (fingerprints).
 */
import { type Fragment, type Indexed, lineStarts, matchFragments } from "./fragments";
import { tokenize } from "./tokenize";
import { DEFAULT_PARAMS, fingerprint, kgramHashes } from "./winnow";

export type { Fragment, SourceRange } from "./fragments";

export interface CompareParams {
  /** Tokens per k-gram. */
  k: number;
  /** k-gram hashes per winnowing window. */
  window: number;
  /** Pairs with at least this similarity (0..1) are reported with their fragments. */
  threshold: number;
  /** A hash held by more than this fraction of the files is ignored as boilerplate (0..1; 1: never). */
  maxShare: number;
  /** The boilerplate rule applies only from this many files on (in a small class a shared hash is mostly a pair). */
  shareMinFiles: number;
}

export const DEFAULT_COMPARE: CompareParams = {
  k: DEFAULT_PARAMS.k,
  window: DEFAULT_PARAMS.w,
  threshold: 0.5,
  maxShare: 0.5,
  shareMinFiles: 10,
};

/** Fragments kept per pair (longest first): enough for a reader, bounded for storage. */
export const MAX_FRAGMENTS = 100;
/** Pairs reported (most similar first): a threshold set too low must not flood the report or stall the job. */
export const MAX_PAIRS = 1000;

export interface SourceFile {
  id: string;
  source: string;
}

export interface PairResult {
  left: string;
  right: string;
  similarity: number;
  /** The longest fragment, in k-grams. */
  longest: number;
  /** The k-grams of all fragments together. */
  overlap: number;
  fragments: Fragment[];
}

export interface Comparison {
  files: number;
  /** Pairs that share at least one counted fingerprint. */
  candidates: number;
  /** Hashes ignored: the starter's k-grams that some file held, and boilerplate. */
  ignoredStarter: number;
  ignoredCommon: number;
  /** Pairs at or above the threshold (all of them; `pairs` holds at most MAX_PAIRS). */
  above: number;
  /** Pairs at or above the threshold, most similar first, at most MAX_PAIRS. */
  pairs: PairResult[];
}

function indexFile(source: string, k: number, w: number): Indexed {
  const tokens = tokenize(source);
  return { source, tokens, fingerprints: fingerprint(tokens, { k, w }), lineStarts: lineStarts(source) };
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function compareAll(
  files: readonly SourceFile[],
  opts: { starter?: string | null; params?: Partial<CompareParams> } = {},
): Comparison {
  const p = { ...DEFAULT_COMPARE, ...opts.params };
  const indexed = files.map((f) => indexFile(f.source, p.k, p.window));
  const starter = new Set(opts.starter ? kgramHashes(tokenize(opts.starter), p.k) : []);

  // hash → the files holding it (ascending, each once).
  const holders = new Map<number, number[]>();
  indexed.forEach((file, n) => {
    for (const f of file.fingerprints) {
      const list = holders.get(f.hash);
      if (!list) holders.set(f.hash, [n]);
      else if (list[list.length - 1] !== n) list.push(n);
    }
  });
  const ignored = new Set<number>();
  let ignoredStarter = 0;
  let ignoredCommon = 0;
  const common = files.length >= p.shareMinFiles ? p.maxShare * files.length : Number.POSITIVE_INFINITY;
  for (const [hash, list] of holders) {
    if (starter.has(hash)) {
      ignored.add(hash);
      ignoredStarter++;
    } else if (list.length > common) {
      ignored.add(hash);
      ignoredCommon++;
    }
  }

  // Per file: counted fingerprints per hash, and the total.
  const counts = indexed.map((file) => {
    const byHash = new Map<number, number>();
    let total = 0;
    for (const f of file.fingerprints) {
      if (ignored.has(f.hash)) continue;
      byHash.set(f.hash, (byHash.get(f.hash) ?? 0) + 1);
      total++;
    }
    return { byHash, total };
  });

  // Shared fingerprint counts of every pair that shares any: key a * n + b (a < b).
  const n = files.length;
  const shared = new Map<number, { a: number; b: number }>();
  for (const [hash, list] of holders) {
    if (ignored.has(hash) || list.length < 2) continue;
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const a = list[x]!;
        const b = list[y]!;
        const key = a * n + b;
        const s = shared.get(key) ?? { a: 0, b: 0 };
        s.a += counts[a]!.byHash.get(hash)!;
        s.b += counts[b]!.byHash.get(hash)!;
        shared.set(key, s);
      }
    }
  }

  const above: { a: number; b: number; similarity: number }[] = [];
  for (const [key, s] of shared) {
    const a = Math.floor(key / n);
    const b = key % n;
    const all = counts[a]!.total + counts[b]!.total;
    const similarity = all === 0 ? 0 : (s.a + s.b) / all;
    if (similarity >= p.threshold) above.push({ a, b, similarity: round4(similarity) });
  }
  above.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
  const pairs: PairResult[] = above.slice(0, MAX_PAIRS).map(({ a, b, similarity }) => {
    const inBoth = (hash: number) => counts[a]!.byHash.has(hash) && counts[b]!.byHash.has(hash);
    const fragments = matchFragments(indexed[a]!, indexed[b]!, p.k, inBoth);
    return {
      left: files[a]!.id,
      right: files[b]!.id,
      similarity,
      longest: fragments.reduce((m, f) => Math.max(m, f.kgrams), 0),
      overlap: fragments.reduce((m, f) => m + f.kgrams, 0),
      fragments: fragments.slice(0, MAX_FRAGMENTS),
    };
  });
  pairs.sort((x, y) => y.similarity - x.similarity || y.longest - x.longest || x.left.localeCompare(y.left));
  return { files: n, candidates: shared.size, above: above.length, ignoredStarter, ignoredCommon, pairs };
}
