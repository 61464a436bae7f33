/** Hidden: the pairs of views and temperatures the simclr-nt-xent checks send to the student's ntXentLoss. */
import { tensor, normal, type HostTensor } from "@unlabeled/sdk";
import { lossWith, MISTAKES, ntXentReference, type Embeddings } from "./reference";

export const CANARY = "unlabeled-hidden-simclr-nt-xent-cases";

export interface LossCase {
  z1: HostTensor;
  z2: HostTensor;
  temperature: number;
}

export function asEmbeddings(t: HostTensor): Embeddings {
  return { rows: t.shape[0]!, dim: t.shape[1]!, data: t.data as Float32Array };
}

/** rows × dim Gaussian projections, each row scaled by a random factor in [0.2, 5] so that norms differ. */
export function randomProjections(rows: number, dim: number, rng: () => number, base?: HostTensor, noise = 1): HostTensor {
  const gauss = normal(rng);
  const data = new Float32Array(rows * dim);
  for (let i = 0; i < rows; i++) {
    const scale = 0.2 + rng() * 4.8;
    for (let j = 0; j < dim; j++) data[i * dim + j] = ((base ? (base.data[i * dim + j] as number) : 0) + noise * gauss()) * scale;
  }
  return tensor(data, [rows, dim]);
}

const SHAPES = [[2, 3], [3, 5], [4, 2], [4, 8], [6, 4], [8, 16], [5, 3], [7, 6]] as const;
const TEMPERATURES = [0.05, 0.07, 0.1, 0.25, 0.5, 1, 2];

/** Random cases; z2's rows are noisy copies of z1's (two views of one image), so where the positive sits matters. */
export function randomCases(rng: () => number, count: number): LossCase[] {
  return Array.from({ length: count }, (_, i) => {
    const [rows, dim] = SHAPES[i % SHAPES.length]!;
    const z1 = randomProjections(rows, dim, rng);
    const z2 = randomProjections(rows, dim, rng, z1, 0.3 + rng());
    return { z1, z2, temperature: TEMPERATURES[Math.floor(rng() * TEMPERATURES.length)]! };
  });
}

function unitRows(t: HostTensor): number[][] {
  const [rows, dim] = t.shape as [number, number];
  return Array.from({ length: rows }, (_, i) => {
    const row = Array.from({ length: dim }, (_, j) => t.data[i * dim + j] as number);
    const norm = Math.sqrt(row.reduce((s, v) => s + v * v, 0));
    return row.map((v) => v / norm);
  });
}

/**
 * Views whose every anchor is more similar to its positive than to each of its 2N − 2 negatives by at least `margin`.
 * Only then does the loss rise with the temperature for certain: for one anchor with positive similarity s₊ and
 * softmax p over its 2N − 1 candidates, d(loss)/dτ = (s₊ − Σₖ pₖ sₖ) / τ² ≥ 0, so the temperature check cannot fail a
 * correct loss on any seed.
 */
export function wellMatchedViews(rng: () => number, rows: number, dim: number, noise: number, margin = 0.05): { z1: HostTensor; z2: HostTensor } {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const z1 = randomProjections(rows, dim, rng);
    const z2 = randomProjections(rows, dim, rng, z1, noise);
    const u = [...unitRows(z1), ...unitRows(z2)];
    const cos = (i: number, k: number) => u[i]!.reduce((s, v, j) => s + v * u[k]![j]!, 0);
    let ok = true;
    for (let i = 0; i < 2 * rows && ok; i++) {
      const pos = cos(i, (i + rows) % (2 * rows));
      for (let k = 0; k < 2 * rows && ok; k++) {
        if (k !== i && k !== (i + rows) % (2 * rows) && pos - cos(i, k) < margin) ok = false;
      }
    }
    if (ok) return { z1, z2 };
  }
  throw new Error("no well-matched pair of views in 1000 draws");
}

/** Each row multiplied by its own factor in [0.01, 100]. */
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
  return ntXentReference(asEmbeddings(c.z1), asEmbeddings(c.z2), c.temperature);
}

export function near(actual: number, expected: number, tol = 1e-4): boolean {
  return Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected));
}

/** The named mistake that explains every value (when one does). */
export function diagnose(values: number[], cases: LossCase[]): string | null {
  for (const m of MISTAKES) {
    const fits = cases.every((c, i) => near(values[i]!, lossWith(asEmbeddings(c.z1), asEmbeddings(c.z2), c.temperature, m.opts), 1e-3));
    if (fits) return m.name;
  }
  return null;
}
