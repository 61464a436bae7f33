import * as tf from "@tensorflow/tfjs";
import { expect, test } from "unlabeled:test";
import { fineTune } from "./starter";

// A small stand-in for the pretrained backbone (same input and output shapes); the grader uses the real one.
function standInBackbone(): tf.LayersModel {
  return tf.sequential({ layers: [
    tf.layers.flatten({ inputShape: [28, 28, 1] }),
    tf.layers.dense({ units: 64, activation: "relu" }),
  ] });
}

function toyDigits(n: number, classes: number) {
  const labels = Array.from({ length: n }, (_, i) => i % classes);
  // Class c lights up row 2c of the image, so the classes are easy to separate.
  const x = tf.tidy(() => tf.stack(labels.map((c) => tf.oneHot(tf.fill([28], 2 * c, "int32"), 28).toFloat().transpose().reshape([28, 28, 1]))) as tf.Tensor4D);
  return { x, y: tf.oneHot(tf.tensor1d(labels, "int32"), classes).toFloat() as tf.Tensor2D };
}

test("returns a model with one probability row per digit", async () => {
  const train = toyDigits(20, 10);
  const model = await fineTune(standInBackbone(), train, { numClasses: 10, rng: Math.random });
  const probs = model.predict(train.x) as tf.Tensor;
  expect(probs).toHaveShape([20, 10]);
  expect(probs.sum(1)).toAllClose(new Array(20).fill(1), { atol: 1e-4 });
});

test("does not return the backbone itself", async () => {
  const backbone = standInBackbone();
  const model = await fineTune(backbone, toyDigits(10, 10), { numClasses: 10, rng: Math.random });
  expect(model === backbone).toBe(false);
});

test("respects numClasses", async () => {
  const train = toyDigits(12, 3);
  const model = await fineTune(standInBackbone(), train, { numClasses: 3, rng: Math.random });
  expect(model.predict(train.x) as tf.Tensor).toHaveShape([12, 3]);
});
