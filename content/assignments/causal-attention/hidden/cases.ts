/** Hidden: the random inputs of the causal-attention checks. */
import { tensor, normal, type HostTensor } from "@unlabeled/sdk";

export const CANARY = "unlabeled-hidden-causal-attention-cases";

export interface Qkv {
  q: HostTensor;
  k: HostTensor;
  v: HostTensor;
}

export function randomTensor(rng: () => number, shape: number[], std: number): HostTensor {
  const gauss = normal(rng);
  return tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => gauss() * std), shape);
}

/** Random [batch, seq, dim] inputs; sequence length 1 and dims that are not powers of two included. */
export function qkvCases(rng: () => number): Qkv[] {
  const shapes: Array<[number, number, number]> = [[1, 1, 4], [1, 4, 2], [2, 5, 3], [3, 7, 8], [1, 6, 16], [2, 3, 5]];
  return shapes.map((shape, i) => {
    const std = i === 4 ? 3 : 1.5;
    return { q: randomTensor(rng, shape, std), k: randomTensor(rng, shape, std), v: randomTensor(rng, shape, 1) };
  });
}

/** A copy of `t` whose rows after position `t0` (all batch elements) are replaced by fresh random values. */
export function perturbAfter(rng: () => number, t: HostTensor, t0: number): HostTensor {
  const [batch, seq, dim] = t.shape as [number, number, number];
  const data = Float32Array.from(t.data as Float32Array);
  const gauss = normal(rng);
  for (let b = 0; b < batch; b++) for (let s = t0 + 1; s < seq; s++) for (let j = 0; j < dim; j++) data[(b * seq + s) * dim + j] = gauss() * 3;
  return tensor(data, [batch, seq, dim]);
}
