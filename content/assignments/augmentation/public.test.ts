import * as tf from "@tensorflow/tfjs";
import { expect, test } from "unlabeled:test";
import { augment } from "./starter";

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Four blurry strokes, one per image, as a stand-in for digits. */
function strokes(): tf.Tensor4D {
  return tf.tidy(() => {
    const rows = tf.range(0, 28).reshape([28, 1]).tile([1, 28]);
    const cols = tf.range(0, 28).reshape([1, 28]).tile([28, 1]);
    const images = [6, 10, 14, 18].map((c) => tf.exp(tf.square(cols.sub(c)).add(tf.square(rows.sub(14)).mul(0.05)).mul(-0.3)));
    return tf.stack(images).expandDims(-1) as tf.Tensor4D;
  });
}

test("keeps the shape and the pixel range", () => {
  const out = augment(strokes(), seeded(1));
  expect(out).toHaveShape([4, 28, 28, 1]);
  expect(out.min().dataSync()[0]! >= 0 && out.max().dataSync()[0]! <= 1).toBe(true);
});

test("changes the images", () => {
  const input = strokes();
  const change = tf.abs(augment(input, seeded(2)).sub(input)).mean().dataSync()[0]!;
  expect(change > 0.005).toBe(true);
});

test("keeps the images of a batch different from each other", () => {
  const out = augment(strokes(), seeded(3));
  const first = out.slice([0, 0, 0, 0], [1, 28, 28, 1]);
  const last = out.slice([3, 0, 0, 0], [1, 28, 28, 1]);
  expect(tf.abs(first.sub(last)).mean().dataSync()[0]! > 0.01).toBe(true);
});

test("is deterministic for a given rng", () => {
  const input = strokes();
  expect(augment(input, seeded(4))).toAllClose(augment(input, seeded(4)));
});
