import type { Tensor } from "@tensorflow/tfjs";
import type { Tf } from "./load-tf";

export type Activation = "sigmoid" | "tanh" | "relu";

export interface GradientNorms {
  /** ‖∂L/∂W_l‖ for l = 1..depth in the plain stack h ← act(hW). */
  plain: number[];
  /** The same for the residual stack h ← h + act(hW), with the same weights. */
  residual: number[];
}

/**
 * Two stacks of `depth` dense layers with identical random weights W_l ~ N(0, 1/width), one plain and one with
 * skip connections, a fixed linear read-out and a mean-squared-error loss on one random batch.
 */
export function layerGradientNorms(
  tf: Tf,
  o: { depth: number; width: number; batch: number; activation: Activation; seed: number },
): GradientNorms {
  const norms = tf.tidy(() => {
    const x = tf.randomNormal([o.batch, o.width], 0, 1, "float32", o.seed);
    const target = tf.randomNormal([o.batch, 1], 0, 1, "float32", o.seed + 1);
    const readout = tf.randomNormal([o.width, 1], 0, 1 / Math.sqrt(o.width), "float32", o.seed + 2);
    const weights = Array.from({ length: o.depth }, (_, l) =>
      tf.randomNormal([o.width, o.width], 0, 1 / Math.sqrt(o.width), "float32", o.seed * 100 + l + 3),
    );
    const act = (z: Tensor) =>
      o.activation === "sigmoid" ? tf.sigmoid(z) : o.activation === "tanh" ? tf.tanh(z) : tf.relu(z);
    const lossOf =
      (residual: boolean) =>
      (...ws: Tensor[]) => {
        let h: Tensor = x;
        for (const w of ws) {
          const f = act(h.matMul(w));
          h = residual ? h.add(f) : f;
        }
        return tf.losses.meanSquaredError(target, h.matMul(readout));
      };
    const gradNorms = (residual: boolean) =>
      tf.stack(
        tf
          .grads(lossOf(residual))(weights)
          .map((g) => g.norm()),
      );
    return tf.stack([gradNorms(false), gradNorms(true)]);
  });
  const [plain, residual] = norms.arraySync() as number[][];
  norms.dispose();
  return { plain: plain!, residual: residual! };
}
