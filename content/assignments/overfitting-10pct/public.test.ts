import { expect, test } from "unlabeled:test";
import { detectOverfitting, stratifiedSubset } from "./starter";

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const labels = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2];

test("takes round(fraction × n) distinct indices", () => {
  const subset = stratifiedSubset(labels, 0.25, seeded(1));
  expect(subset.length).toBe(10);
  expect(new Set(subset).size).toBe(10);
  expect(subset.every((i) => Number.isInteger(i) && i >= 0 && i < labels.length)).toBe(true);
});

test("keeps the class proportions", () => {
  const subset = stratifiedSubset(labels, 0.25, seeded(2));
  const counts = [0, 1, 2].map((c) => subset.filter((i) => labels[i] === c).length);
  const shares = [2.5, 2.5, 5];
  expect(counts.every((n, c) => Math.abs(n - shares[c]!) <= 1)).toBe(true);
});

test("is deterministic for a given rng", () => {
  expect(stratifiedSubset(labels, 0.5, seeded(3))).toEqual(stratifiedSubset(labels, 0.5, seeded(3)));
});

test("flags a clear rise of validation loss while training loss falls", () => {
  const result = detectOverfitting({
    loss: [1.2, 0.8, 0.5, 0.35, 0.25, 0.18, 0.12, 0.08, 0.05, 0.03],
    valLoss: [1.1, 0.8, 0.6, 0.5, 0.48, 0.5, 0.55, 0.6, 0.66, 0.72],
  });
  expect(result).toEqual({ overfitting: true, bestEpoch: 4 });
});

test("does not flag healthy training", () => {
  const result = detectOverfitting({ loss: [1.2, 0.8, 0.6, 0.5, 0.45], valLoss: [1.1, 0.85, 0.7, 0.62, 0.6] });
  expect(result).toEqual({ overfitting: false, bestEpoch: 4 });
});

test("does not flag a rise within the noise", () => {
  const result = detectOverfitting({
    loss: [1, 0.7, 0.5, 0.4, 0.35, 0.3, 0.26, 0.22],
    valLoss: [0.9, 0.5, 0.62, 0.45, 0.6, 0.47, 0.61, 0.52],
  });
  expect(result).toEqual({ overfitting: false, bestEpoch: 3 });
});
