/** Hidden: the reference solution of autoencoder (course check grades it and expects full marks). */
import * as tf from "@tensorflow/tfjs";

export const CANARY = "unlabeled-hidden-autoencoder-solution";

export function buildEncoder(latentDim: number): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [28, 28, 1] }),
      tf.layers.dense({ units: 128, activation: "relu" }),
      tf.layers.dense({ units: latentDim }),
    ],
  });
}

export function buildDecoder(latentDim: number): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [latentDim], units: 128, activation: "relu" }),
      tf.layers.dense({ units: 784, activation: "sigmoid" }),
      tf.layers.reshape({ targetShape: [28, 28, 1] }),
    ],
  });
}
