/** Hidden: the reference solution of hello-tensor (course check grades it and expects full marks). */
import * as tf from "@tensorflow/tfjs";

export const CANARY = "unlabeled-hidden-hello-tensor-solution";

export function addTensors(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.add(a, b);
}
