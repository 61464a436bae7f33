/**
 * The demos of the self-supervised vision unit compute what their lessons say: NT-Xent over two views per image,
 * MAE's patch masking and masked-only loss, and a linear probe on a frozen encoder versus a random copy of it.
 * Same code as in the browser, on TF.js's cpu backend.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, test } from "vitest";
import { DIGITS, rasterizeDigit, SIZE } from "@/components/demos/digit-strokes";
import { compareProbes, encodeImages, jitteredDigits, linearProbe, loadBackbone, randomWeightsLike } from "@/components/demos/fine-tune-math";
import { encoderAttentionCost, maskedMse, naiveReconstruction, patchify, randomPatchMask, unpatchify, visiblePatches } from "@/components/demos/mae-math";
import { makeViews, ntXent, ntXentTf, positiveOf } from "@/components/demos/nt-xent-math";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("NT-Xent demo", () => {
  test("the TF.js loss equals the reference formula, rows sum to one and exclude the anchor", () => {
    const { points } = makeViews(4, 0.3, 5);
    for (const tau of [0.05, 0.2, 1]) {
      const ref = ntXent(points, tau);
      const got = ntXentTf(tf, points, tau);
      expect(got.loss).toBeCloseTo(ref.loss, 4);
      got.anchorLoss.forEach((l, i) => expect(l).toBeCloseTo(ref.anchorLoss[i]!, 4));
      got.probs.forEach((row, i) => {
        expect(row[i]).toBeLessThan(1e-6);
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      });
      expect(got.accuracy).toBeCloseTo(ref.accuracy, 6);
    }
  });

  test("2N views give each anchor one positive and 2N − 2 negatives; collapse sits at chance level log(2N − 1)", () => {
    expect(positiveOf(0)).toBe(1);
    expect(positiveOf(5)).toBe(4);
    const collapsed = makeViews(6, 0.2, 1, true);
    for (const tau of [0.1, 0.5]) expect(ntXent(collapsed.points, tau).loss).toBeCloseTo(Math.log(11), 6);
  });

  test("lowering τ sharpens the rows: well-separated views approach zero loss, and the loss falls with τ", () => {
    const { points } = makeViews(4, 0.02, 2);
    const losses = [1, 0.5, 0.2, 0.05].map((tau) => ntXent(points, tau).loss);
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]!);
    expect(losses.at(-1)).toBeLessThan(0.01);
    expect(ntXent(points, 0.05).accuracy).toBe(1);
  });
});

describe("masked image modelling demo", () => {
  const digit = rasterizeDigit("3");

  test("patchify and unpatchify are inverse; 28 × 28 in 4 × 4 patches is 49 tokens", () => {
    const patches = patchify(digit, SIZE, 4);
    expect(patches).toHaveLength(49);
    expect(patches[0]).toHaveLength(16);
    expect(unpatchify(patches, SIZE, 4)).toEqual(digit);
    expect(() => patchify(digit, SIZE, 5)).toThrow(/does not divide/);
  });

  test("a ratio of 75% masks exactly round(0.75 n) patches, the encoder sees the rest, at about 1/16 of the attention cost", () => {
    const mask = randomPatchMask(tf, 196, 0.75, 3);
    expect(mask.filter(Boolean)).toHaveLength(147);
    const visible = visiblePatches(patchify(rasterizeDigit("3").concat(), SIZE, 2), mask);
    expect(visible).toHaveLength(49);
    expect(visible.every((p) => !mask[p.index])).toBe(true);
    expect(encoderAttentionCost(49, 196)).toBeCloseTo(1 / 16, 9);
    expect(randomPatchMask(tf, 49, 0.99, 1).filter((m) => !m)).toHaveLength(1); // at least one patch stays
    expect(randomPatchMask(tf, 49, 0.5, 9)).toEqual(randomPatchMask(tf, 49, 0.5, 9)); // seeded
  });

  test("the loss counts masked patches only, and the naive decoder keeps visible patches", () => {
    const patches = patchify(digit, SIZE, 4);
    const mask = randomPatchMask(tf, 49, 0.75, 4);
    const recon = naiveReconstruction(patches, mask);
    patches.forEach((p, k) => {
      if (!mask[k]) expect(recon[k]).toEqual(p);
    });
    // Ruining a visible patch does not change the loss; ruining a masked one does.
    const spoilt = recon.map((cells, k) => (k === mask.indexOf(false) ? cells.map(() => 9) : cells));
    expect(maskedMse(patches, spoilt, mask)).toBeCloseTo(maskedMse(patches, recon, mask), 12);
    const spoiltMasked = recon.map((cells, k) => (k === mask.indexOf(true) ? cells.map(() => 9) : cells));
    expect(maskedMse(patches, spoiltMasked, mask)).toBeGreaterThan(maskedMse(patches, recon, mask));
    expect(maskedMse(patches, patches, mask)).toBe(0);
  });
});

describe("fine-tuning demo", () => {
  /** A small stand-in for the shipped backbone: same input and output contract. */
  function tinyEncoder(): tf.LayersModel {
    const m = tf.sequential();
    m.add(tf.layers.conv2d({ inputShape: [SIZE, SIZE, 1], filters: 4, kernelSize: 5, strides: 2, activation: "relu" }));
    m.add(tf.layers.flatten());
    m.add(tf.layers.dense({ units: 16, activation: "relu" }));
    return m;
  }

  test("jittered digits cover every class, pixels in [0, 1]", () => {
    const set = jitteredDigits(3, 1);
    expect(set.images).toHaveLength(3 * DIGITS.length);
    expect(new Set(set.labels).size).toBe(DIGITS.length);
    for (const img of set.images) {
      expect(img).toHaveLength(SIZE * SIZE);
      expect(Math.min(...img)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...img)).toBeLessThanOrEqual(1);
    }
  });

  test("random weights keep every shape, and the encoder returns [n, d] features", () => {
    const enc = tinyEncoder();
    const fresh = randomWeightsLike(tf, enc, 1);
    expect(fresh.map((w) => w.shape)).toEqual(enc.getWeights().map((w) => w.shape));
    enc.setWeights(fresh);
    tf.dispose(fresh);
    const f = encodeImages(tf, enc, jitteredDigits(1, 2).images);
    expect(f.shape).toEqual([DIGITS.length, 16]);
    f.dispose();
  });

  test("a linear probe on features that separate the classes reaches full accuracy", async () => {
    const labels = Array.from({ length: 40 }, (_, i) => i % 4);
    const features = tf.tensor2d(labels.map((l, i) => [l === 0 ? 1 : 0, l === 1 ? 1 : 0, l === 2 ? 1 : 0, 0.01 * (i % 3)]));
    const acc = await linearProbe(tf, { features, labels }, { features, labels }, { classes: 4, epochs: 100, learningRate: 0.5, seed: 1 });
    expect(acc).toBe(1);
    features.dispose();
  });

  test("compareProbes trains the same head on both encoders and leaves no tensors behind", async () => {
    const a = tinyEncoder();
    const b = tinyEncoder();
    await compareProbes(tf, a, b, { labelled: 8, testPerClass: 1, seed: 2, epochs: 2 }); // TF.js caches a few scalars on first use
    const before = tf.memory();
    const r = await compareProbes(tf, a, b, { labelled: 16, testPerClass: 2, seed: 3, epochs: 20 });
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
    expect(r.labels).toBe(16);
    for (const acc of [r.pretrained, r.scratch]) {
      expect(acc).toBeGreaterThanOrEqual(0);
      expect(acc).toBeLessThanOrEqual(1);
    }
  });

  test("a backbone that cannot be fetched fails with a sentence naming the URL", async () => {
    const notFound = (async () => new Response("not found", { status: 404 })) as unknown as typeof fetch;
    await expect(loadBackbone(tf, "/course-models/mnist-backbone/model.json", notFound)).rejects.toThrow(
      /could not be loaded from \/course-models\/mnist-backbone\/model\.json/,
    );
  });
});
