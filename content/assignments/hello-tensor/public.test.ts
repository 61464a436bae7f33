import * as tf from "@tensorflow/tfjs";
import { expect, test } from "unlabeled:test";
import { addTensors } from "./starter";

test("adds two vectors", () => {
  const sum = addTensors(tf.tensor1d([1, 2, 3]), tf.tensor1d([10, 20, 30]));
  expect(sum).toHaveShape([3]);
  expect(sum).toAllClose([11, 22, 33]);
});

test("adds two matrices", () => {
  const sum = addTensors(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[0.5, 0.5], [-1, -1]]));
  expect(sum).toHaveShape([2, 2]);
  expect(sum).toAllClose([[1.5, 2.5], [2, 3]]);
});

test("broadcasts a row over a matrix", () => {
  const sum = addTensors(tf.tensor2d([[1, 2, 3], [4, 5, 6]]), tf.tensor1d([100, 200, 300]));
  expect(sum).toHaveShape([2, 3]);
  expect(sum).toAllClose([[101, 202, 303], [104, 205, 306]]);
});

test("returns a new tensor and keeps the inputs", () => {
  const a = tf.scalar(2);
  const b = tf.scalar(3);
  const sum = addTensors(a, b);
  expect(sum === a || sum === b).toBe(false);
  expect(a.isDisposed || b.isDisposed).toBe(false);
  expect(sum).toAllClose(5);
});
