/**
 * The demos of the first two units compute what their lessons say: annotation cost and learning curves,
 * broadcasting, nearest neighbours in pixel and feature space, encoder shapes, the linear bottleneck, and the
 * parameters each adaptation method trains. Same code as in the browser, on TF.js's cpu backend.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, test } from "vitest";
import { adaptationBudget, blockParams, tfBudget } from "@/components/demos/adaptation-math";
import { annotationCost, errorAt, labelsForError, learningCurve } from "@/components/demos/annotation-cost";
import { digitSet, dropPixels, fitLinearCode, meanSquaredError, reconstruct, reconstructionCurve } from "@/components/demos/bottleneck-math";
import { broadcastSteps, parseShape } from "@/components/demos/broadcast-math";
import { convOutputSize, encoderRows, tfEncoderRows, type EncoderConfig } from "@/components/demos/encoder-shapes";
import { GALLERY, nearestNeighbours } from "@/components/demos/feature-neighbours";
import { mulberry32 } from "@/components/demos/seeded-random";
import { symmetricEigen } from "@/components/demos/symmetric-eigen";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("annotation cost calculator", () => {
  test("time is images × (per image + objects × per object) × annotators", () => {
    const seg = annotationCost({ images: 5000, objectsPerImage: 1, kind: "segmentation", annotatorsPerItem: 1, hourlyWage: 20 });
    expect(seg.hours).toBeCloseTo(7500, 6); // 1.5 h per image
    expect(seg.cost).toBeCloseTo(150_000, 3);
    const boxes = annotationCost({ images: 1000, objectsPerImage: 4, kind: "box", annotatorsPerItem: 3, hourlyWage: 10 });
    expect(boxes.seconds).toBeCloseTo(1000 * 4 * 34.5 * 3, 6);
    expect(annotationCost({ images: 1000, objectsPerImage: 4, kind: "extreme", annotatorsPerItem: 3, hourlyWage: 10 }).seconds).toBeLessThan(boxes.seconds / 4);
  });

  test("with α = 0.3, halving the reducible error takes about ten times the labels (the lesson's claim)", () => {
    const law = { a: 2, alpha: 0.3, floor: 0.02 };
    const n = labelsForError(law, 0.12);
    expect(errorAt(law, n)).toBeCloseTo(0.12, 9);
    expect(labelsForError(law, 0.07) / n).toBeCloseTo(2 ** (1 / 0.3), 6);
    expect(2 ** (1 / 0.3)).toBeGreaterThan(9.5);
    expect(labelsForError(law, 0.02)).toBe(Infinity);
    const curve = learningCurve(tf, law, 2, 8, 13);
    expect(curve.n[0]).toBeCloseTo(100, 3);
    curve.n.forEach((x, i) => expect(curve.error[i]).toBeCloseTo(errorAt(law, x), 5));
  });
});

describe("broadcast explorer", () => {
  test("the axis-by-axis rule predicts exactly the shapes TensorFlow.js broadcasts to, and exactly when it refuses", () => {
    const rand = mulberry32(5);
    for (let trial = 0; trial < 300; trial++) {
      const shape = () => Array.from({ length: Math.floor(rand() * 4) }, () => [1, 1, 2, 3][Math.floor(rand() * 4)]!);
      const a = shape();
      const b = shape();
      const predicted = broadcastSteps(a, b).shape;
      let actual: number[] | null = null;
      try {
        actual = tf.tidy(() => tf.add(tf.zeros(a), tf.zeros(b)).shape);
      } catch {
        actual = null;
      }
      expect(predicted, `${JSON.stringify(a)} + ${JSON.stringify(b)}`).toEqual(actual);
    }
    expect(broadcastSteps([2, 3], [2]).steps[0]!.rule).toBe("incompatible");
    expect(parseShape("[2, 3]")).toEqual([2, 3]);
    expect(parseShape("")).toEqual([]);
    expect(parseShape("2, 9")).toBeNull();
  });
});

describe("nearest neighbours in pixel and feature space", () => {
  test("unshifted, both spaces find the right digit; shifted, raw pixels often pick a wrong one and the encoder never does", () => {
    let pixelWrong = 0;
    for (const digit of GALLERY) {
      const still = nearestNeighbours(tf, digit, 0);
      expect([still.pixelBest, still.featureBest]).toEqual([digit, digit]);
      for (const shift of [2, 4, 6, 8]) {
        const r = nearestNeighbours(tf, digit, shift);
        expect(r.featureBest, `${digit} shifted ${shift}`).toBe(digit);
        if (r.pixelBest !== digit) pixelWrong++;
      }
    }
    expect(pixelWrong).toBeGreaterThan(GALLERY.length * 2); // more than half of the shifted queries
    expect(nearestNeighbours(tf, "4", 6).pixelBest).not.toBe("4"); // the demo's default shows the failure
  });
});

describe("encoder shape tracer", () => {
  test("the lesson's formula gives the shapes and parameter counts TensorFlow.js builds", () => {
    for (const inputSize of [28, 32])
      for (const kernel of [3, 5])
        for (const stride of [1, 2])
          for (const padding of ["same", "valid"] as const) {
            const c: EncoderConfig = { inputSize, channels: 1, kernel, stride, padding, filters: [16, 32, 64] };
            let rows;
            try {
              rows = encoderRows(c);
            } catch {
              continue; // the map vanishes; the demo says so
            }
            expect(tfEncoderRows(tf, c), JSON.stringify(c)).toEqual(rows.map((r) => ({ shape: r.shape, params: r.params })));
          }
    expect(convOutputSize(28, 3, 1, "valid")).toBe(26);
    expect(convOutputSize(28, 3, 2, "same")).toBe(14);
    expect(encoderRows({ inputSize: 28, channels: 1, kernel: 3, stride: 1, padding: "same", filters: [16, 32, 64] }).at(-1)!.shape).toEqual([1, 1, 64]);
  });
});

describe("bottleneck explorer", () => {
  test("the eigen-solver diagonalises a symmetric matrix", () => {
    const m = [
      [4, 1, 2],
      [1, 3, 0],
      [2, 0, 5],
    ];
    const { values, vectors } = symmetricEigen(m);
    expect(values[0]).toBeGreaterThanOrEqual(values[1]!);
    vectors.forEach((v, i) => m.forEach((row, r) => expect(row.reduce((s, x, c) => s + x * v[c]!, 0)).toBeCloseTo(values[i]! * v[r]!, 8)));
  });

  test("the code is orthonormal, the error falls as k grows, and the decoder repairs hidden pixels", () => {
    const code = fitLinearCode(tf, digitSet(8, 3).images, 24);
    expect(code.basis).toHaveLength(24);
    const gram = tf.tidy(() => tf.tensor2d(code.basis).matMul(tf.tensor2d(code.basis), false, true).arraySync() as number[][]);
    gram.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 3)));
    const heldOut = digitSet(2, 99).images;
    const errors = Array.from({ length: 25 }, (_, k) => meanSquaredError(reconstruct(tf, code, heldOut, k), heldOut));
    for (let k = 1; k < errors.length; k++) expect(errors[k]).toBeLessThanOrEqual(errors[k - 1]! + 1e-6);
    reconstructionCurve(code, heldOut).forEach((e, k) => expect(e, `the demo's curve at k = ${k}`).toBeCloseTo(errors[k]!, 6));
    expect(errors[24]).toBeLessThan(errors[0]! / 5);
    const noisy = heldOut.map((im, i) => dropPixels(im, 0.5, i));
    expect(meanSquaredError(reconstruct(tf, code, noisy, 8), heldOut)).toBeLessThan(0.8 * meanSquaredError(noisy, heldOut));
  });
});

describe("adaptation budget", () => {
  test("BERT-base-sized numbers: 7,087,872 per block, 7,690 for a 10-way head, LoRA rank 8 on q and v", () => {
    expect(blockParams(768)).toBe(7_087_872);
    const o = { d: 768, layers: 12, classes: 10, rank: 8 };
    expect(adaptationBudget({ ...o, method: "linear-probe" }).trainable).toBe(7690);
    expect(adaptationBudget({ ...o, method: "last-block" }).trainable).toBe(7_087_872 + 7690);
    expect(adaptationBudget({ ...o, method: "lora" }).trainable).toBe(12 * 2 * 2 * 768 * 8 + 7690);
    expect(adaptationBudget({ ...o, method: "full" }).trainable).toBe(12 * 7_087_872 + 7690);
  });

  test("TensorFlow.js counts what layer.trainable leaves trainable", () => {
    const o = { width: 128, layers: 4, classes: 10, rank: 8 };
    const head = 10 * 129;
    expect(tfBudget(tf, { ...o, method: "linear-probe" })).toEqual({ total: 64 * 128 + 128 + 3 * (128 * 128 + 128) + head, trainable: head, frozenLayers: 4 });
    expect(tfBudget(tf, { ...o, method: "last-block" }).trainable).toBe(128 * 128 + 128 + head);
    const full = tfBudget(tf, { ...o, method: "full" });
    expect(full.trainable).toBe(full.total);
    expect(tfBudget(tf, { ...o, method: "lora" }).trainable).toBe(head + 8 * (64 + 128) + 3 * 8 * 256);
  });
});
