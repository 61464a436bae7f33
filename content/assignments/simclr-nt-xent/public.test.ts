import * as tf from "@tensorflow/tfjs";
import { expect, test } from "unlabeled:test";
import { ntXentLoss } from "./starter";

test("returns a scalar", () => {
  const loss = ntXentLoss(tf.tensor2d([[1, 0], [0, 1]]), tf.tensor2d([[1, 0], [0, 1]]), 1);
  expect(loss).toHaveShape([]);
});

test("one image: its only candidate is its other view, so the loss is 0", () => {
  const loss = ntXentLoss(tf.tensor2d([[1, 2, 3]]), tf.tensor2d([[3, -1, 0.5]]), 0.1);
  expect(loss).toAllClose(0, { atol: 1e-6 });
});

test("two orthogonal images whose views agree, at temperature 1", () => {
  // Anchor 0 = (1, 0): candidates are (0, 1), (1, 0), (0, 1) with similarities 0, 1, 0 and the positive is the 1.
  // Every anchor alike: −log(e / (e + 2)) = log(1 + 2/e).
  const loss = ntXentLoss(tf.tensor2d([[1, 0], [0, 1]]), tf.tensor2d([[1, 0], [0, 1]]), 1);
  expect(loss).toAllClose(Math.log(1 + 2 * Math.exp(-1)), { atol: 1e-5 });
});

test("normalises the projections first", () => {
  const a = ntXentLoss(tf.tensor2d([[3, 0], [0, 0.5]]), tf.tensor2d([[2, 0], [0, 7]]), 0.5);
  const b = ntXentLoss(tf.tensor2d([[1, 0], [0, 1]]), tf.tensor2d([[1, 0], [0, 1]]), 0.5);
  expect(a).toAllClose(b.dataSync()[0]!, { atol: 1e-5 });
});

test("is symmetric in the two views", () => {
  const z1 = tf.tensor2d([[1, 2, 0], [0, 1, 1], [2, 0, 1]]);
  const z2 = tf.tensor2d([[1, 1, 0], [0, 2, 1], [1, 0, 0]]);
  expect(ntXentLoss(z1, z2, 0.3)).toAllClose(ntXentLoss(z2, z1, 0.3).dataSync()[0]!, { atol: 1e-5 });
});

test("a lower temperature lowers the loss of views that match well", () => {
  const z = tf.tensor2d([[1, 0.1], [0.1, 1]]);
  const warm = ntXentLoss(z, z, 1).dataSync()[0]!;
  const cold = ntXentLoss(z, z, 0.1).dataSync()[0]!;
  expect(cold < warm).toBe(true);
});
