import * as tf from "@tensorflow/tfjs";

/**
 * A residual block in the tf.layers functional API (NHWC):
 *   residual = conv3×3(filters, stride) → ReLU → conv3×3(filters)
 *   shortcut = x when the shapes match, else conv1×1(filters, stride)
 *   output   = ReLU(residual + shortcut)
 */
export function residualBlock(x: tf.SymbolicTensor, filters: number, stride = 1): tf.SymbolicTensor {
  // TODO: build the residual branch and the shortcut with tf.layers, add them and apply a ReLU.
  throw new Error(`residualBlock is not implemented yet (input shape [${x.shape}], ${filters} filters, stride ${stride})`);
}
