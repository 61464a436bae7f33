import type { Scalar, Tensor, Tensor2D, Variable } from "@tensorflow/tfjs";
import type { Tf } from "./load-tf";
import { EXTENT } from "./boundary-canvas";
import type { Points } from "./moons-data";

export interface TrainLog {
  epochs: number[];
  trainLoss: number[];
  valLoss: number[];
  trainAcc: number[];
  valAcc: number[];
  /** Class-1 probability on a size×size grid over the plot area, row 0 at the top. */
  grid: number[];
  gridSize: number;
}

export interface TrainOptions {
  epochs: number;
  hidden: number;
  seed: number;
  /** Jittered copies of each training point per step (0: no augmentation). */
  augmentCopies: number;
  jitter: number;
  logEvery: number;
  isCurrent: () => boolean;
}

/** Full-batch Adam training of a 2-hidden-layer ReLU network on 2-D points, logging train/validation curves. */
export async function trainMlp(tf: Tf, train: Points, val: Points, o: TrainOptions): Promise<TrainLog | null> {
  const init = (shape: [number, number], seed: number) =>
    tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / shape[0]), "float32", seed));
  const params: Variable[] = [
    init([2, o.hidden], o.seed),
    tf.variable(tf.zeros([o.hidden])),
    init([o.hidden, o.hidden], o.seed + 1),
    tf.variable(tf.zeros([o.hidden])),
    init([o.hidden, 2], o.seed + 2),
    tf.variable(tf.zeros([2])),
  ];
  const [w1, b1, w2, b2, w3, b3] = params as [Variable, Variable, Variable, Variable, Variable, Variable];
  const logits = (x: Tensor) => x.matMul(w1).add(b1).relu().matMul(w2).add(b2).relu().matMul(w3).add(b3) as Tensor2D;
  const xTrain = tf.tensor2d(train.x);
  const yTrain = tf.oneHot(tf.tensor1d(train.y, "int32"), 2);
  const xVal = tf.tensor2d(val.x);
  const yVal = tf.oneHot(tf.tensor1d(val.y, "int32"), 2);
  const optimizer = tf.train.adam(0.01);
  const log: TrainLog = { epochs: [], trainLoss: [], valLoss: [], trainAcc: [], valAcc: [], grid: [], gridSize: 40 };
  const measure = (x: Tensor, y: Tensor): [number, number] => {
    const both = tf.tidy(() => {
      const z = logits(x);
      return tf.stack([tf.losses.softmaxCrossEntropy(y, z), z.argMax(1).equal(y.argMax(1)).cast("float32").mean()]);
    });
    const [loss, acc] = both.arraySync() as number[];
    both.dispose();
    return [loss!, acc!];
  };
  try {
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      if (!o.isCurrent()) return null;
      tf.tidy(() => {
        let x: Tensor = xTrain;
        let y: Tensor = yTrain;
        if (o.augmentCopies > 0) {
          const copies = Array.from({ length: o.augmentCopies }, (_, k) =>
            xTrain.add(tf.randomNormal(xTrain.shape, 0, o.jitter, "float32", o.seed * 1000 + epoch * 10 + k)),
          );
          x = tf.concat([xTrain, ...copies]);
          y = tf.concat(Array.from({ length: o.augmentCopies + 1 }, () => yTrain));
        }
        optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, logits(x)) as Scalar, false, params);
      });
      if (epoch % o.logEvery === 0 || epoch === 1) {
        const [tl, ta] = measure(xTrain, yTrain);
        const [vl, va] = measure(xVal, yVal);
        log.epochs.push(epoch);
        log.trainLoss.push(tl);
        log.trainAcc.push(ta);
        log.valLoss.push(vl);
        log.valAcc.push(va);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    const n = log.gridSize;
    const span = EXTENT.max - EXTENT.min;
    const gridPoints: number[][] = [];
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++)
        gridPoints.push([EXTENT.min + ((c + 0.5) / n) * span, EXTENT.max - ((r + 0.5) / n) * span]);
    const probs = tf.tidy(() =>
      tf
        .softmax(logits(tf.tensor2d(gridPoints)))
        .slice([0, 1], [-1, 1])
        .reshape([-1]),
    );
    log.grid = probs.arraySync() as number[];
    probs.dispose();
    return log;
  } finally {
    tf.dispose([...params, xTrain, yTrain, xVal, yVal]);
    optimizer.dispose();
  }
}
