/** Hidden: the reference solution of fine-tune-backbone (course check grades it and expects full marks). */
import * as tf from "@tensorflow/tfjs";

export const CANARY = "unlabeled-hidden-fine-tune-backbone-solution";

export async function fineTune(
  backbone: tf.LayersModel,
  train: { x: tf.Tensor4D; y: tf.Tensor2D },
  opts: { numClasses: number; rng: () => number },
): Promise<tf.LayersModel> {
  const input = tf.input({ shape: [28, 28, 1] });
  const features = backbone.apply(input) as tf.SymbolicTensor;
  const probs = tf.layers.dense({ units: opts.numClasses, activation: "softmax" }).apply(features) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: probs });
  // 1. Linear probe: the new head learns on frozen features, so its random start cannot damage them.
  backbone.trainable = false;
  model.compile({ optimizer: tf.train.adam(0.02), loss: "categoricalCrossentropy" });
  await model.fit(train.x, train.y, { epochs: 150, batchSize: train.x.shape[0], verbose: 0 });
  // 2. Gentle full fine-tuning: everything trains, with a learning rate 100 times lower.
  backbone.trainable = true;
  model.compile({ optimizer: tf.train.adam(1e-4), loss: "categoricalCrossentropy" });
  await model.fit(train.x, train.y, { epochs: 10, batchSize: 20, verbose: 0 });
  return model;
}
