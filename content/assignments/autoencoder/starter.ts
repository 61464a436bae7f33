import * as tf from "@tensorflow/tfjs";

/** Maps a batch of digits [batch, 28, 28, 1] to latent codes [batch, latentDim]. */
export function buildEncoder(latentDim: number): tf.LayersModel {
  // TODO: build and return the encoder (tf.sequential or tf.model).
  throw new Error(`buildEncoder is not implemented yet (latentDim ${latentDim})`);
}

/** Maps latent codes [batch, latentDim] back to digits [batch, 28, 28, 1] with pixel values in [0, 1]. */
export function buildDecoder(latentDim: number): tf.LayersModel {
  // TODO: build and return the decoder; its last layer must keep pixel values in [0, 1].
  throw new Error(`buildDecoder is not implemented yet (latentDim ${latentDim})`);
}
