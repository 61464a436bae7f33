/** Hidden: the embedding pairs and temperatures the clip-contrastive checks send to the student's clipLoss. */
import { tensor, type HostTensor } from "../engine/host-values";
import { normal } from "../tf/rng";
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
