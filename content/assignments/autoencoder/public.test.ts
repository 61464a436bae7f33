import * as tf from "@tensorflow/tfjs";
import { expect, test } from "unlabeled:test";
import { buildDecoder, buildEncoder } from "./starter";

test("the encoder maps [batch, 28, 28, 1] to [batch, latentDim]", () => {
  const encoder = buildEncoder(16);
  const codes = encoder.predict(tf.zeros([3, 28, 28, 1])) as tf.Tensor;
  expect(codes).toHaveShape([3, 16]);
});

test("the decoder maps [batch, latentDim] to [batch, 28, 28, 1]", () => {
  const decoder = buildDecoder(8);
  const images = decoder.predict(tf.randomNormal([2, 8])) as tf.Tensor;
  expect(images).toHaveShape([2, 28, 28, 1]);
});

test("decoded pixels stay in [0, 1], even for large codes", () => {
  const decoder = buildDecoder(4);
  const images = decoder.predict(tf.randomNormal([4, 4], 0, 50)) as tf.Tensor;
  expect(images.min().dataSync()[0]! >= 0 && images.max().dataSync()[0]! <= 1).toBe(true);
});

test("the latent size follows latentDim", () => {
  expect(buildEncoder(2).outputs[0]!.shape).toEqual([null, 2]);
  expect(buildDecoder(32).inputs[0]!.shape).toEqual([null, 32]);
});
