import { expect, test } from "unlabeled:test";
import { maskTokens } from "./starter";

// A small generator with a seed, so that every run of these tests sees the same numbers.
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const CLS = 1;
const SEP = 2;
const MASK = 3;
const opts = (seed: number, maskProb?: number) => ({ maskId: MASK, vocabSize: 20, specialIds: [0, CLS, SEP, MASK], rng: seeded(seed), maskProb });

test("returns one input id and one label per token", () => {
  const tokens = [CLS, 5, 6, 7, SEP];
  const { inputIds, labels } = maskTokens(tokens, opts(1));
  expect(inputIds.length).toBe(5);
  expect(labels.length).toBe(5);
});

test("maskProb 0 selects nothing", () => {
  const tokens = [CLS, 5, 6, 7, 8, 9, SEP];
  expect(maskTokens(tokens, opts(2, 0))).toEqual({ inputIds: tokens, labels: [-100, -100, -100, -100, -100, -100, -100] });
});

test("maskProb 1 selects every non-special token, and labels are the original tokens", () => {
  const tokens = [CLS, 5, 6, 7, 8, 9, SEP];
  const { inputIds, labels } = maskTokens(tokens, opts(3, 1));
  expect(labels).toEqual([-100, 5, 6, 7, 8, 9, -100]);
  expect(inputIds[0]).toBe(CLS);
  expect(inputIds[6]).toBe(SEP);
});

test("leaves the tokens array unchanged", () => {
  const tokens = [CLS, 5, 6, 7, 8, 9, SEP];
  maskTokens(tokens, opts(4, 1));
  expect(tokens).toEqual([CLS, 5, 6, 7, 8, 9, SEP]);
});

test("about 15% of the tokens are selected, most of them become [MASK]", () => {
  const tokens = Array.from({ length: 2000 }, (_, i) => 4 + (i % 16));
  const { inputIds, labels } = maskTokens(tokens, opts(5));
  const selected = labels.filter((l) => l !== -100).length;
  const masked = inputIds.filter((id) => id === MASK).length;
  expect(selected > 200 && selected < 400).toBe(true);
  expect(masked > 0.6 * selected && masked < 0.95 * selected).toBe(true);
});

test("the same generator seed gives the same result", () => {
  const tokens = Array.from({ length: 50 }, (_, i) => 4 + (i % 16));
  expect(maskTokens(tokens, opts(6, 0.5))).toEqual(maskTokens(tokens, opts(6, 0.5)));
});
