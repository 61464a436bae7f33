import * as tf from "@tensorflow/tfjs";
import { expect, test } from "unlabeled:test";
import { clipLoss } from "./starter";

test("returns a scalar", () => {
  const loss = clipLoss(tf.tensor2d([[1, 0], [0, 1]]), tf.tensor2d([[1, 0], [0, 1]]), 1);
  expect(loss).toHaveShape([]);
});

test("two orthogonal matching pairs at temperature 1", () => {
  // logits = [[1, 0], [0, 1]]; each row and column: -log(e / (e + 1)) = log(1 + 1/e)
  const loss = clipLoss(tf.tensor2d([[1, 0], [0, 1]]), tf.tensor2d([[1, 0], [0, 1]]), 1);
  expect(loss).toAllClose(Math.log(1 + Math.exp(-1)), { atol: 1e-5 });
});

test("normalises the embeddings first", () => {
  const a = clipLoss(tf.tensor2d([[3, 0], [0, 0.5]]), tf.tensor2d([[2, 0], [0, 7]]), 0.5);
  const b = clipLoss(tf.tensor2d([[1, 0], [0, 1]]), tf.tensor2d([[1, 0], [0, 1]]), 0.5);
  expect(a).toAllClose(b.dataSync()[0]!, { atol: 1e-5 });
});

test("is symmetric in images and texts", () => {
  const img = tf.tensor2d([[1, 2, 0], [0, 1, 1], [2, 0, 1]]);
  const txt = tf.tensor2d([[1, 1, 0], [0, 2, 1], [1, 0, 0]]);
  expect(clipLoss(img, txt, 0.3)).toAllClose(clipLoss(txt, img, 0.3).dataSync()[0]!, { atol: 1e-5 });
});

test("a lower temperature lowers the loss of well-matched pairs", () => {
  const img = tf.tensor2d([[1, 0.1], [0.1, 1]]);
  const warm = clipLoss(img, img, 1).dataSync()[0]!;
  const cold = clipLoss(img, img, 0.1).dataSync()[0]!;
  expect(cold < warm).toBe(true);
});
