/** Hidden: the input pairs each hello-tensor check sends to the student's addTensors. */
import { HostTensor, tensor } from "@unlabeled/sdk";
import { broadcastShape } from "./reference";

export const CANARY = "unlabeled-hidden-hello-tensor-cases";

export interface Pair {
  a: HostTensor;
  b: HostTensor;
}

export function sameShapePairs(): Pair[] {
  return [
    { a: tensor(2.5), b: tensor(-4) },
    { a: tensor([1, 2, 3]), b: tensor([0.25, -2, 7]) },
    { a: tensor([[1, -2, 3], [4, 5, -6]]), b: tensor([[0.5, 0.5, 0.5], [-1, 1e-3, 100]]) },
    { a: tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]), b: tensor([[[8, 7], [6, 5]], [[4, 3], [2, 1]]]) },
    { a: tensor([3, -7, 11, 0], [4], "int32"), b: tensor([-3, 8, 1, 2147], [4], "int32") },
    { a: tensor([[1e6, -1e-6, 0]]), b: tensor([[1, 1, 1]]) },
  ];
}

export function broadcastingPairs(): Pair[] {
  return [
    { a: tensor([[1, 2, 3], [4, 5, 6]]), b: tensor([100, 200, 300]) },
    { a: tensor([[1], [2], [3]]), b: tensor([[10, 20, 30, 40]]) },
    { a: tensor(Array.from({ length: 20 }, (_, i) => i), [4, 1, 5]), b: tensor([[0.5], [-0.5], [2]]) },
    { a: tensor(7), b: tensor([[1, 2], [3, 4]]) },
    { a: tensor([1, 2, 3, 4, 5]), b: tensor([-1]) },
    { a: tensor(Array.from({ length: 6 }, (_, i) => i), [2, 1, 3], "int32"), b: tensor([1, 10, 100, 1000], [4, 1], "int32") },
  ];
}

function randomTensor(shape: number[], rng: () => number, int: boolean): HostTensor {
  const size = shape.reduce((n, d) => n * d, 1);
  const values = Array.from({ length: size }, () => (int ? Math.floor(rng() * 2001) - 1000 : (rng() - 0.5) * 20));
  return tensor(values, shape, int ? "int32" : "float32");
}

/** `count` pairs of random compatible shapes (rank 0–4, some broadcasting) and values, from `rng`. */
export function randomPairs(count: number, rng: () => number): Pair[] {
  const pairs: Pair[] = [];
  while (pairs.length < count) {
    const rank = Math.floor(rng() * 5);
    const full = Array.from({ length: rank }, () => 1 + Math.floor(rng() * 5));
    const squash = (shape: number[]) => shape.map((d) => (rng() < 0.3 ? 1 : d)).slice(Math.floor(rng() * (rank + 1) * 0.5));
    const shapeA = squash(full);
    const shapeB = rng() < 0.4 ? [...shapeA] : squash(full);
    if (!broadcastShape(shapeA, shapeB)) continue;
    const int = rng() < 0.2;
    pairs.push({ a: randomTensor(shapeA, rng, int), b: randomTensor(shapeB, rng, int) });
  }
  return pairs;
}
