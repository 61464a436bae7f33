/**
 * Document fingerprints by winnowing (Schleimer, Wilkerson, Aiken, "Winnowing: Local Algorithms for Document
 * Fingerprinting", SIGMOD 2003), over the tokens of ./tokenize.ts. Pure.
 *
 * Every run of `k` consecutive tokens (a k-gram) is hashed; of each window of `w` consecutive k-gram hashes the
 * minimum is kept, ties going to the rightmost one, and a window whose minimum is the one already kept (robust
 * winnowing) adds nothing. Guarantee: two documents that share a run of at least `w + k − 1` tokens share at least
 * one fingerprint; a match shorter than `k` tokens is never seen. DEFAULT_PARAMS is provisional.
 */
import type { Token } from "./tokenize";

export interface WinnowParams {
  /** Tokens per k-gram. */
  k: number;
  /** k-gram hashes per window. */
  w: number;
}

/** Provisional (guarantee threshold w + k − 1 = 24 tokens): not yet measured on the course fixtures. */
export const DEFAULT_PARAMS: WinnowParams = { k: 15, w: 10 };

export interface Fingerprint {
  hash: number;
  /** Index of the k-gram's first token; it covers tokens `pos … pos + k − 1`. */
  pos: number;
}

const kindIds = new Map<string, number>();

/** A 32-bit FNV-1a hash of a token kind (memoised: kinds repeat). */
function kindId(kind: string): number {
  let id = kindIds.get(kind);
  if (id === undefined) {
    let h = 0x811c9dc5;
    for (let i = 0; i < kind.length; i++) h = Math.imul(h ^ kind.charCodeAt(i), 0x01000193);
    id = h >>> 0;
    if (kindIds.size < 100_000) kindIds.set(kind, id);
  }
  return id;
}

/** Two independent 32-bit lanes folded into one safe integer (53 bits), so collisions in a class stay negligible. */
function hashRun(ids: Uint32Array, from: number, k: number): number {
  let a = 0x9747b28c;
  let b = 0x1b873593;
  for (let i = from; i < from + k; i++) {
    a = Math.imul(a ^ ids[i]!, 0x01000193);
    b = Math.imul((b << 5) | (b >>> 27), 0x5bd1e995) ^ ids[i]!;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b ^= b >>> 15;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  return (a >>> 0) * 0x200000 + ((b >>> 0) >>> 11);
}

/** The hash of every k-gram, in order: entry i covers tokens i … i + k − 1 (none when there are fewer than k). */
export function kgramHashes(tokens: readonly Token[], k: number): number[] {
  const ids = Uint32Array.from(tokens, (t) => kindId(t.kind));
  const out: number[] = [];
  for (let i = 0; i + k <= ids.length; i++) out.push(hashRun(ids, i, k));
  return out;
}

/**
 * Robust winnowing of a hash sequence. A sequence shorter than one window is one window (so a short document still
 * gets its minimum).
 */
export function winnow(hashes: readonly number[], w: number): Fingerprint[] {
  const out: Fingerprint[] = [];
  if (hashes.length === 0) return out;
  const width = Math.min(w, hashes.length);
  let kept = -1;
  for (let end = width - 1; end < hashes.length; end++) {
    const start = end - width + 1;
    let min = start;
    for (let i = start + 1; i <= end; i++) if (hashes[i]! <= hashes[min]!) min = i;
    // Robust: while the fingerprint already kept is still in the window and still minimal, keep it.
    if (kept >= start && hashes[kept] === hashes[min]) continue;
    kept = min;
    out.push({ hash: hashes[min]!, pos: min });
  }
  return out;
}

export function fingerprint(tokens: readonly Token[], params: WinnowParams = DEFAULT_PARAMS): Fingerprint[] {
  return winnow(kgramHashes(tokens, params.k), params.w);
}
