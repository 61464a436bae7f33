import * as tf from "@tensorflow/tfjs";

/** A [seqLen, seqLen] matrix with 1 where key index ≤ query index (row = query, column = key), else 0. */
export function causalMask(seqLen: number): tf.Tensor2D {
  // TODO: build the lower-triangular mask (tf.linalg.bandPart is one way).
  throw new Error(`causalMask is not implemented yet (seqLen ${seqLen})`);
}

/**
 * Causal scaled dot-product attention. q, k, v: [batch, seq, dim]. Scores q·kᵀ / sqrt(dim), the causal mask
 * applied before a softmax over the keys, then the weighted sum of v. Returns [batch, seq, dim].
 */
export function causalSelfAttention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D): tf.Tensor3D {
  // TODO: scores, mask, softmax, weighted sum.
  throw new Error(`causalSelfAttention is not implemented yet (q of shape [${q.shape}], k [${k.shape}], v [${v.shape}])`);
}
