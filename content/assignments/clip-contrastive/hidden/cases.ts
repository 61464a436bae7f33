/** Hidden: the embedding pairs and temperatures the clip-contrastive checks send to the student's clipLoss. */
import { tensor, normal, type HostTensor } from "@unlabeled/sdk";
import { clipLossReference, lossWith, MISTAKES, type Embeddings } from "./reference";

export const CANARY = "unlabeled-hidden-clip-contrastive-cases";

export interface LossCase {
  image: HostTensor;
  text: HostTensor;
  temperature: number;
}

export function asEmbeddings(t: HostTensor): Embeddings {
  return { rows: t.shape[0]!, dim: t.shape[1]!, data: t.data as Float32Array };
}

/** rows × dim Gaussian embeddings, each row scaled by a random factor in [0.2, 5] so that norms differ. */
export function randomEmbeddings(rows: number, dim: number, rng: () => number, base?: HostTensor, noise = 1): HostTensor {
  const gauss = normal(rng);
  const data = new Float32Array(rows * dim);
  for (let i = 0; i < rows; i++) {
    const scale = 0.2 + rng() * 4.8;
    for (let j = 0; j < dim; j++) data[i * dim + j] = ((base ? (base.data[i * dim + j] as number) : 0) + noise * gauss()) * scale;
  }
  return tensor(data, [rows, dim]);
}

/** Random cases; text rows are noisy copies of the image rows so that the diagonal matters. */
export function randomCases(rng: () => number, count: number): LossCase[] {
  const shapes = [[2, 3], [3, 5], [4, 2], [4, 8], [6, 4], [8, 16], [5, 3], [7, 6]] as const;
  const temperatures = [0.05, 0.07, 0.1, 0.25, 0.5, 1, 2];
  return Array.from({ length: count }, (_, i) => {
    const [rows, dim] = shapes[i % shapes.length]!;
    const image = randomEmbeddings(rows, dim, rng);
    const text = randomEmbeddings(rows, dim, rng, image, 0.3 + rng());
    return { image, text, temperature: temperatures[Math.floor(rng() * temperatures.length)]! };
  });
}

/** Cosine similarity of image row i with text row j. */
function cosine(a: HostTensor, b: HostTensor, i: number, j: number): number {
  const dim = a.shape[1]!;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < dim; k++) {
    const x = a.data[i * dim + k] as number;
    const y = b.data[j * dim + k] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return dot / Math.sqrt(na * nb);
}

/**
 * Pairs whose every matching similarity beats the rest of its row and column by at least `margin`. Only then does
 * the loss rise with the temperature for certain: d(loss)/dτ = (s_ii − E_softmax[s]) / τ² ≥ 0 for each direction, so
 * the temperature check cannot fail a correct loss (noise on already scaled rows could break the order before).
 */
export function wellMatchedPair(rng: () => number, rows: number, dim: number, noise: number, margin = 0.05): { image: HostTensor; text: HostTensor } {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const image = randomEmbeddings(rows, dim, rng);
    const text = randomEmbeddings(rows, dim, rng, image, noise);
    let ok = true;
    for (let i = 0; i < rows && ok; i++) {
      for (let j = 0; j < rows && ok; j++) {
        if (i !== j && (cosine(image, text, i, i) - cosine(image, text, i, j) < margin || cosine(image, text, j, j) - cosine(image, text, i, j) < margin)) ok = false;
      }
    }
    if (ok) return { image, text };
  }
  throw new Error("no well-matched embedding pair in 1000 draws");
}

export function rescaled(t: HostTensor, rng: () => number): HostTensor {
  const [rows, dim] = t.shape as [number, number];
  const data = new Float32Array(t.data as Float32Array);
  for (let i = 0; i < rows; i++) {
    const factor = 10 ** (rng() * 4 - 2);
    for (let j = 0; j < dim; j++) data[i * dim + j]! *= factor;
  }
  return tensor(data, [rows, dim]);
}

export function referenceOf(c: LossCase): number {
  return clipLossReference(asEmbeddings(c.image), asEmbeddings(c.text), c.temperature);
}

export function near(actual: number, expected: number, tol = 1e-4): boolean {
  return Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected));
}

/** The named mistake that explains every value (when one does). */
export function diagnose(values: number[], cases: LossCase[]): string | null {
  for (const m of MISTAKES) {
    const fits = cases.every((c, i) => near(values[i]!, lossWith(asEmbeddings(c.image), asEmbeddings(c.text), c.temperature, m.opts), 1e-3));
    if (fits) return m.name;
  }
  return null;
}
