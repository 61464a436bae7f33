/**
 * Hidden, trusted: the digits and backbones of fine-tune-backbone. The labelled digits come from the part of the
 * train split the backbone never saw (it was pretrained on the first BACKBONE_PRETRAIN_DIGITS); the test digits
 * are both test splits, whose labels stay here.
 */
import {
  BACKBONE_PRETRAIN_DIGITS, buildBackbone, gatherDigits, courseModelDir, createRng, deriveSeed, getSplit, permutation, readBackboneFiles,
  selectBackend, serializeBackbone, stratifiedSubset, tensor, type BackboneFiles, type HostTensor, type MnistData, type MnistSplit,
} from "@unlabeled/sdk";

export const CANARY = "unlabeled-hidden-fine-tune-backbone-data";

const PIXELS = 784;
export const CLASSES = 10;
/** 1% of the labels of the 5,999-digit train split: 60 digits, 6 per class. */
export const LABELLED = 60;

/** Digits with their labels (trusted side only). */
export type Digits = MnistData;

/** The train digits the backbone never saw, in a seeded order. */
function unseenPool(seed: number): MnistSplit {
  const train = getSplit("train");
  const rest = train.count - BACKBONE_PRETRAIN_DIGITS;
  const order = permutation(rest, createRng(deriveSeed(seed, "pool"))).map((i) => i + BACKBONE_PRETRAIN_DIGITS);
  const d = gatherDigits(train, order);
  return { name: "train", ...d, indices: Int32Array.from(order, (i) => train.indices[i]!) };
}

/** `count` labelled digits, stratified by class, and `probe` more (disjoint) for the feature probe. */
export function labelledDigits(seed: number, count: number, probe = 0): { train: Digits; probe: Digits } {
  const pool = unseenPool(seed);
  const chosen = stratifiedSubset(pool, count);
  const taken = new Set(chosen.indices);
  const rest: number[] = [];
  for (let i = 0; i < pool.count && rest.length < probe; i++) if (!taken.has(pool.indices[i]!)) rest.push(i);
  return { train: chosen, probe: gatherDigits(pool, rest) };
}

export interface TestDigits extends Digits {
  /** The first `publicCount` digits are test-public, the rest test-private. */
  publicCount: number;
}

/** Both test splits (labels stay on the trusted side), the first `limit` of each. */
export function testDigits(limit = Number.POSITIVE_INFINITY): TestDigits {
  const a = getSplit("test-public");
  const b = getSplit("test-private");
  const na = Math.min(a.count, limit);
  const nb = Math.min(b.count, limit);
  const images = new Float32Array((na + nb) * PIXELS);
  images.set(a.images.subarray(0, na * PIXELS));
  images.set(b.images.subarray(0, nb * PIXELS), na * PIXELS);
  const labels = new Uint8Array(na + nb);
  labels.set(a.labels.subarray(0, na));
  labels.set(b.labels.subarray(0, nb), na);
  return { images, labels, count: na + nb, publicCount: na };
}

export function imagesTensor(d: Digits): HostTensor {
  return tensor(d.images, [d.count, 28, 28, 1]);
}

export function oneHot(d: Digits): HostTensor {
  const y = new Float32Array(d.count * CLASSES);
  for (let i = 0; i < d.count; i++) y[i * CLASSES + d.labels[i]!] = 1;
  return tensor(y, [d.count, CLASSES]);
}

const pretrainedCache = new Map<string, BackboneFiles>();

/** The course's pretrained backbone (models/mnist-backbone), read once per process and folder. */
export function pretrainedBackbone(assignmentDir: string): BackboneFiles {
  const dir = courseModelDir(assignmentDir, "mnist-backbone");
  let files = pretrainedCache.get(dir);
  if (!files) {
    files = readBackboneFiles(dir);
    pretrainedCache.set(dir, files);
  }
  return files;
}

/** The same architecture, randomly initialised from `seed` (the scratch arm). */
export async function randomBackbone(seed: number): Promise<BackboneFiles> {
  await selectBackend();
  const model = buildBackbone(deriveSeed(seed, "scratch-backbone"));
  try {
    return await serializeBackbone(model);
  } finally {
    for (const w of model.weights) w.dispose();
  }
}

/** The weights of backbone files as one float32 host tensor (what the task input carries). */
export function weightsTensor(files: BackboneFiles): HostTensor {
  const w = files.weights;
  if (w.byteLength % 4 !== 0) throw new Error("backbone weights are not float32");
  const data = new Float32Array(w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength) as ArrayBuffer);
  return tensor(data, [data.length]);
}

/** Accuracy of argmax(probabilities) on digits [from, to). */
export function accuracy(probs: HostTensor, labels: Uint8Array, from = 0, to = labels.length): number {
  const k = probs.shape[1]!;
  const p = probs.data as Float32Array;
  let right = 0;
  for (let i = from; i < to; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (p[i * k + j]! > p[i * k + best]!) best = j;
    if (best === labels[i]) right++;
  }
  return right / Math.max(1, to - from);
}
