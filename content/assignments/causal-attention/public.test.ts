import * as tf from "@tensorflow/tfjs";
import { expect, test } from "unlabeled:test";
import { causalMask, causalSelfAttention } from "./starter";

test("causalMask(3) is lower triangular with ones on the diagonal", () => {
  const mask = causalMask(3);
  expect(mask).toHaveShape([3, 3]);
  expect(mask).toAllClose([[1, 0, 0], [1, 1, 0], [1, 1, 1]]);
});

test("the first position only sees itself", () => {
  const q = tf.tensor3d([[[1, 0], [0, 1], [1, 1]]]);
  const k = tf.tensor3d([[[1, 0], [0, 1], [1, 1]]]);
  const v = tf.tensor3d([[[1, 2], [3, 4], [5, 6]]]);
  const out = causalSelfAttention(q, k, v);
  expect(out).toHaveShape([1, 3, 2]);
  expect(out.slice([0, 0, 0], [1, 1, 2])).toAllClose([[[1, 2]]], { atol: 1e-4 });
});

test("equal scores average the visible values", () => {
  const q = tf.zeros([1, 3, 2]) as tf.Tensor3D;
  const k = tf.zeros([1, 3, 2]) as tf.Tensor3D;
  const v = tf.tensor3d([[[3, 0], [0, 3], [6, 6]]]);
  expect(causalSelfAttention(q, k, v)).toAllClose([[[3, 0], [1.5, 1.5], [3, 3]]], { atol: 1e-4 });
});

test("scores are scaled by 1/sqrt(dim)", () => {
  // dim 4, two positions: the score of the second query with both keys is 4/2 = 2 and 0.
  const q = tf.tensor3d([[[0, 0, 0, 0], [1, 1, 1, 1]]]);
  const k = tf.tensor3d([[[1, 1, 1, 1], [0, 0, 0, 0]]]);
  const v = tf.tensor3d([[[1, 0, 0, 0], [0, 1, 0, 0]]]);
  const w = Math.exp(2) / (Math.exp(2) + 1);
  expect(causalSelfAttention(q, k, v).slice([0, 1, 0], [1, 1, 4])).toAllClose([[[w, 1 - w, 0, 0]]], { atol: 1e-4 });
});

test("changing the last position does not change earlier outputs", () => {
  const q = tf.tensor3d([[[0.5, -1], [2, 0.3], [1, 1]]]);
  const v = tf.tensor3d([[[1, 2], [3, 4], [5, 6]]]);
  const k2 = tf.tensor3d([[[0.5, -1], [2, 0.3], [9, -9]]]);
  const v2 = tf.tensor3d([[[1, 2], [3, 4], [50, -60]]]);
  const a = causalSelfAttention(q, q, v).slice([0, 0, 0], [1, 2, 2]);
  const b = causalSelfAttention(q, k2, v2).slice([0, 0, 0], [1, 2, 2]);
  expect(a).toAllClose(b, { atol: 1e-5 });
});
