import * as tf from "@tensorflow/tfjs";
import { expect, test } from "unlabeled:test";
import { residualBlock } from "./starter";

function build(shape: number[], filters: number, stride?: number): tf.LayersModel {
  const input = tf.input({ shape });
  const output = stride === undefined ? residualBlock(input, filters) : residualBlock(input, filters, stride);
  return tf.model({ inputs: input, outputs: output });
}

test("keeps the shape when filters match the channels (default stride 1)", () => {
  const model = build([8, 8, 4], 4);
  expect(model.outputs[0]!.shape).toEqual([null, 8, 8, 4]);
});

test("stride 2 with more filters halves the size and changes the channels", () => {
  const model = build([8, 8, 4], 8, 2);
  expect(model.outputs[0]!.shape).toEqual([null, 4, 4, 8]);
});

test("the output is never negative (a ReLU comes last)", () => {
  const model = build([6, 6, 3], 3);
  const y = model.predict(tf.randomNormal([2, 6, 6, 3])) as tf.Tensor;
  expect(y.min().dataSync()[0]! >= 0).toBe(true);
});

test("with the 3×3 convolutions zeroed, an identity block outputs ReLU(x)", () => {
  const model = build([5, 5, 2], 2);
  for (const layer of model.layers) {
    if (layer.getClassName() === "Conv2D") layer.setWeights(layer.getWeights().map((w) => tf.zerosLike(w)));
  }
  const x = tf.randomNormal([1, 5, 5, 2]);
  expect(model.predict(x) as tf.Tensor).toAllClose(tf.relu(x), { atol: 1e-3, rtol: 1e-2 });
});
