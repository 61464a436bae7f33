/**
 * Hidden, trusted: the data of the zero-shot training check. Coloured shapes with captions; some (colour, shape)
 * combinations never appear in training. After training with the student's loss, each held-out image is
 * classified by its most similar prompt "a <colour> <shape>" among all 24 combinations.
 */
import { tensor, generateShapes, SHAPE_COLOURS, SHAPE_KINDS, type HostTensor } from "@unlabeled/sdk";

export const CANARY = "unlabeled-hidden-clip-contrastive-zero-shot";

export const IMAGE_SIDE = 16;
const COLOURS = Object.keys(SHAPE_COLOURS);
/** Held out: colour i with shape (i + 1) mod 4, one combination per colour. */
const HELD_OUT = new Set(COLOURS.map((c, i) => `${c} ${SHAPE_KINDS[(i + 1) % SHAPE_KINDS.length]}`));
export const PROMPTS = COLOURS.flatMap((c) => SHAPE_KINDS.map((k) => `${c} ${k}`));

export interface ZeroShotData {
  images: HostTensor;
  captions: HostTensor;
  testImages: HostTensor;
  prompts: HostTensor;
  /** Hidden: the index in PROMPTS of each test image's true combination. */
  testLabels: number[];
  trainCount: number;
}

function vocabulary(captions: string[]): Map<string, number> {
  const words = new Set<string>();
  for (const c of [...captions, ...PROMPTS]) for (const w of c.split(" ")) words.add(w);
  return new Map([...words].sort().map((w, i) => [w, i]));
}

function bagOfWords(texts: string[], vocab: Map<string, number>): HostTensor {
  const data = new Float32Array(texts.length * vocab.size);
  texts.forEach((t, i) => {
    for (const w of t.split(" ")) data[i * vocab.size + vocab.get(w)!] = 1;
  });
  return tensor(data, [texts.length, vocab.size]);
}

function pick(images: Float32Array, indices: number[]): HostTensor {
  const per = IMAGE_SIDE * IMAGE_SIDE * 3;
  const out = new Float32Array(indices.length * per);
  indices.forEach((src, i) => out.set(images.subarray(src * per, (src + 1) * per), i * per));
  return tensor(out, [indices.length, IMAGE_SIDE, IMAGE_SIDE, 3]);
}

/** Training pairs from the seen combinations and test images from the held-out ones. */
export function zeroShotData(seed: number, total: number, maxTest: number): ZeroShotData {
  const set = generateShapes({ count: total, seed, size: IMAGE_SIDE });
  const train: number[] = [];
  const test: number[] = [];
  set.attributes.forEach((a, i) => {
    if (HELD_OUT.has(`${a.colour} ${a.kind}`)) {
      if (test.length < maxTest) test.push(i);
    } else train.push(i);
  });
  const vocab = vocabulary(set.captions);
  return {
    images: pick(set.images, train),
    captions: bagOfWords(train.map((i) => set.captions[i]!), vocab),
    testImages: pick(set.images, test),
    prompts: bagOfWords(PROMPTS, vocab),
    testLabels: test.map((i) => PROMPTS.indexOf(`${set.attributes[i]!.colour} ${set.attributes[i]!.kind}`)),
    trainCount: train.length,
  };
}

function normalisedRows(t: HostTensor): number[][] {
  const [rows, dim] = t.shape as [number, number];
  return Array.from({ length: rows }, (_, i) => {
    const row = Array.from({ length: dim }, (_, j) => t.data[i * dim + j] as number);
    const norm = Math.sqrt(row.reduce((s, v) => s + v * v, 0)) || 1;
    return row.map((v) => v / norm);
  });
}

/** Cosine similarities [test image][prompt]. */
export function similarities(images: HostTensor, prompts: HostTensor): number[][] {
  const a = normalisedRows(images);
  const b = normalisedRows(prompts);
  return a.map((ra) => b.map((rb) => ra.reduce((s, v, k) => s + v * rb[k]!, 0)));
}

export function zeroShotAccuracy(sim: number[][], labels: number[]): number {
  let right = 0;
  sim.forEach((row, i) => {
    let best = 0;
    row.forEach((v, j) => {
      if (v > row[best]!) best = j;
    });
    if (best === labels[i] && Number.isFinite(row[best]!)) right++;
  });
  return right / labels.length;
}
