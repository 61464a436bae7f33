/** Three students' solutions of tests/fixtures/similarity-course's sim-demo: Bob copied Alice and renamed; Carol did not. */

/** What every student kept of the starter. */
export const starterPart = `import * as tf from "@tensorflow/tfjs";

export function describeShapes(a: tf.Tensor, b: tf.Tensor): string {
  return \`predictions \${a.shape.join("x")} vs targets \${b.shape.join("x")}\`;
}
`;

export const alice = `${starterPart}
/** Returns the mean squared error of predictions against targets. */
export function meanSquaredError(predictions: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  if (predictions.shape.length !== targets.shape.length) {
    throw new Error(describeShapes(predictions, targets));
  }
  return tf.tidy(() => {
    const diff = tf.sub(predictions, targets);
    const squared = tf.square(diff);
    const total = squared.sum();
    const count = squared.size;
    return total.div(tf.scalar(count)) as tf.Scalar;
  });
}

export function rootMeanSquaredError(predictions: tf.Tensor, targets: tf.Tensor): number {
  const mse = meanSquaredError(predictions, targets);
  const value = Math.sqrt(mse.dataSync()[0] ?? 0);
  mse.dispose();
  return value;
}
`;

export const bob = `${starterPart}
// Mean squared error, my implementation
export function meanSquaredError(yHat: tf.Tensor, y: tf.Tensor): tf.Scalar {
  if (yHat.shape.length !== y.shape.length) throw new Error(describeShapes(yHat, y))
  return tf.tidy(() => {
    const delta = tf.sub(yHat, y)
    const sq = tf.square(delta)
    const s = sq.sum()
    const n = sq.size
    return s.div(tf.scalar(n)) as tf.Scalar
  })
}

export function rootMeanSquaredError(yHat: tf.Tensor, y: tf.Tensor): number {
  const err = meanSquaredError(yHat, y)
  const out = Math.sqrt(err.dataSync()[0] ?? 0)
  err.dispose()
  return out
}
`;

export const carol = `${starterPart}
export function meanSquaredError(predictions: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  const p = predictions.flatten().arraySync() as number[];
  const t = targets.flatten().arraySync() as number[];
  let acc = 0;
  for (let i = 0; i < p.length; i++) {
    const e = (p[i] ?? 0) - (t[i] ?? 0);
    acc += e * e;
  }
  return tf.scalar(p.length === 0 ? 0 : acc / p.length);
}

export function rootMeanSquaredError(predictions: tf.Tensor, targets: tf.Tensor): number {
  return Math.sqrt(meanSquaredError(predictions, targets).arraySync() as number);
}
`;
