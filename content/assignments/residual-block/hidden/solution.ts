/** Hidden: the reference solution of residual-block (course check grades it and expects full marks). */
import * as tf from "@tensorflow/tfjs";

export const CANARY = "unlabeled-hidden-residual-block-solution";

export function residualBlock(x: tf.SymbolicTensor, filters: number, stride = 1): tf.SymbolicTensor {
  const channels = x.shape[x.shape.length - 1];
  let residual = tf.layers.conv2d({ filters, kernelSize: 3, strides: stride, padding: "same" }).apply(x) as tf.SymbolicTensor;
  residual = tf.layers.reLU().apply(residual) as tf.SymbolicTensor;
  residual = tf.layers.conv2d({ filters, kernelSize: 3, padding: "same" }).apply(residual) as tf.SymbolicTensor;
  const shortcut =
    channels === filters && stride === 1
      ? x
      : (tf.layers.conv2d({ filters, kernelSize: 1, strides: stride, padding: "same" }).apply(x) as tf.SymbolicTensor);
  const sum = tf.layers.add().apply([residual, shortcut]) as tf.SymbolicTensor;
  return tf.layers.reLU().apply(sum) as tf.SymbolicTensor;
}
