import * as tf from "@tensorflow/tfjs";
import { expect, test } from "unlabeled:test";
import { makeRotationTask } from "./starter";

/** A generator that always returns the same value, to force one k (k = floor(v * 4)). */
const fixed = (v: number) => () => v;
// [1, 2, 2, 1]: row 0 is [1, 2], row 1 is [3, 4].
const square = () => tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);

test("keeps the shapes and returns int32 labels", () => {
  const { x, y } = makeRotationTask(tf.zeros([5, 3, 3, 2]) as tf.Tensor4D, fixed(0.3));
  expect(x).toHaveShape([5, 3, 3, 2]);
  expect(y).toHaveShape([5]);
  expect(y.dtype).toBe("int32");
});

test("k = 0 leaves the image as it is", () => {
  const { x, y } = makeRotationTask(square(), fixed(0.1));
  expect(y).toAllClose([0]);
  expect(x).toAllClose([[[[1], [2]], [[3], [4]]]]);
});

test("k = 1 turns the image 90° counter-clockwise", () => {
  const { x, y } = makeRotationTask(square(), fixed(0.3));
  expect(y).toAllClose([1]);
  // The right column [2, 4] becomes the top row.
  expect(x).toAllClose([[[[2], [4]], [[1], [3]]]]);
});

test("k = 2 turns it upside down and k = 3 turns it 90° clockwise", () => {
  const half = makeRotationTask(square(), fixed(0.6));
  expect(half.y).toAllClose([2]);
  expect(half.x).toAllClose([[[[4], [3]], [[2], [1]]]]);
  const three = makeRotationTask(square(), fixed(0.9));
  expect(three.y).toAllClose([3]);
  expect(three.x).toAllClose([[[[3], [1]], [[4], [2]]]]);
});

test("uses all four rotations over a batch", () => {
  let s = 1;
  const rng = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  const { y } = makeRotationTask(tf.zeros([200, 2, 2, 1]) as tf.Tensor4D, rng);
  const counts = [0, 1, 2, 3].map((k) => Array.from(y.dataSync()).filter((v) => v === k).length);
  expect(counts.every((c) => c > 20)).toBe(true);
});
