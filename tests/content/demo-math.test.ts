/**
 * The live demos compute what their lessons say they show. Same code as in the browser, on TF.js's cpu backend
 * in Node.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, test } from "vitest";
import { contrastiveBatch } from "@/components/demos/contrastive-math";
import { layerGradientNorms } from "@/components/demos/gradient-norms";
import { maskingFractions, maskTokens } from "@/components/demos/masking-math";
import { makeMoons } from "@/components/demos/moons-data";
import { trainMlp } from "@/components/demos/train-mlp";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("masking playground", () => {
  test("selects 15% of tokens and splits them 80/10/10", () => {
    const f = maskingFractions(tf, 0.15, 1, 100_000);
    expect(f.mask).toBeCloseTo(0.12, 2);
    expect(f.random).toBeCloseTo(0.015, 2);
    expect(f.same).toBeCloseTo(0.015, 2);
    expect(f.ignored).toBeCloseTo(0.85, 2);
  });

  test("shows [MASK] exactly where the action is mask, and always selects at least one token", () => {
    const tokens = "a b c d".split(" ");
    const { actions, shown } = maskTokens(tf, tokens, 0.001, 3);
    expect(actions.filter((a) => a !== "keep")).toHaveLength(1);
    actions.forEach((a, i) => expect(shown[i] === "[MASK]").toBe(a === "mask"));
  });
});

describe("contrastive batch", () => {
  test("clean captions at a low temperature give a loss near 0 and perfect matching", () => {
    const r = contrastiveBatch(tf, { n: 6, dim: 32, noise: 0, tau: 0.05, hardNegative: false, seed: 1 });
    expect(r.accuracy).toBe(1);
    expect(r.lossImageToText).toBeLessThan(0.05);
    r.cosine.forEach((row, i) => expect(row[i]).toBeCloseTo(1, 4));
    r.probs.forEach((row) => expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5));
  });

  test("a high temperature pushes the loss towards chance level log N", () => {
    const r = contrastiveBatch(tf, { n: 8, dim: 32, noise: 0.5, tau: 100, hardNegative: false, seed: 2 });
    expect(r.lossImageToText).toBeCloseTo(Math.log(8), 1);
  });

  test("a hard negative raises the loss", () => {
    const opts = { n: 6, dim: 32, noise: 0.3, tau: 0.1, seed: 4 };
    const easy = contrastiveBatch(tf, { ...opts, hardNegative: false });
    const hard = contrastiveBatch(tf, { ...opts, hardNegative: true });
    expect(hard.lossImageToText).toBeGreaterThan(easy.lossImageToText);
  });
});

describe("gradient norms with and without skip connections", () => {
  test("sigmoid: the plain stack's first-layer gradient vanishes, the residual one does not", () => {
    const { plain, residual } = layerGradientNorms(tf, { depth: 24, width: 32, batch: 64, activation: "sigmoid", seed: 1 });
    expect(plain).toHaveLength(24);
    expect(plain[0]! / plain[23]!).toBeLessThan(1e-8);
    expect(residual[0]! / residual[23]!).toBeGreaterThan(1e-3);
  });
});

describe("training curves on 10% of the data", () => {
  test("validation loss turns up with 10% of the data; the gap is smaller with all of it or with augmentation", async () => {
    const full = makeMoons(400, 11);
    const val = makeMoons(600, 99);
    const small = { x: full.x.slice(0, 40), y: full.y.slice(0, 40) };
    const opts = { epochs: 240, hidden: 48, seed: 5, augmentCopies: 0, jitter: 0.15, logEvery: 6, isCurrent: () => true };
    const s = (await trainMlp(tf, small, val, opts))!;
    const f = (await trainMlp(tf, full, val, opts))!;
    const last = (xs: number[]) => xs[xs.length - 1]!;
    const a = (await trainMlp(tf, small, val, { ...opts, augmentCopies: 4 }))!;
    expect(last(s.trainAcc)).toBe(1); // 15% of the labels are flipped: 100% means memorised noise
    expect(last(s.valLoss)).toBeGreaterThan(2 * Math.min(...s.valLoss));
    expect(last(s.valLoss) - last(s.trainLoss)).toBeGreaterThan(3 * (last(f.valLoss) - last(f.trainLoss)));
    expect(last(f.valAcc)).toBeGreaterThan(last(s.valAcc) + 0.05);
    expect(last(a.valLoss) - last(a.trainLoss)).toBeLessThan(0.5 * (last(s.valLoss) - last(s.trainLoss)));
  }, 60_000);
});
