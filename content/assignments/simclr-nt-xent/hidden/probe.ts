/**
 * Hidden, trusted: the encoder's initial weights (drawn here, so the untrained encoder is known exactly), its
 * representations in float64, and the linear probe: multinomial logistic regression on standardised
 * representations, trained by full-batch gradient descent on labelled digits and scored on held-out ones.
 */
import { tensor, createRng, deriveSeed, normal, type HostTensor } from "@unlabeled/sdk";

export const CANARY = "unlabeled-hidden-simclr-nt-xent-probe";

export interface EncoderShape {
  pixels: number;
  hidden: number;
  rep: number;
  proj: number;
}

/** Glorot-uniform matrices and zero biases: w1, b1, w2, b2 (encoder), w3, b3 (projection head). */
export function initialWeights(seed: number, s: EncoderShape): HostTensor[] {
  const glorot = (rows: number, cols: number, name: string) => {
    const rng = createRng(deriveSeed(seed, "init", name));
    const limit = Math.sqrt(6 / (rows + cols));
    return tensor(Float32Array.from({ length: rows * cols }, () => (2 * rng() - 1) * limit), [rows, cols]);
  };
  return [
    glorot(s.pixels, s.hidden, "w1"), tensor(new Float32Array(s.hidden), [s.hidden]),
    glorot(s.hidden, s.rep, "w2"), tensor(new Float32Array(s.rep), [s.rep]),
    glorot(s.rep, s.proj, "w3"), tensor(new Float32Array(s.proj), [s.proj]),
  ];
}

/** h = relu(x w1 + b1) w2 + b2 for each row of `images` (count × pixels), in float64. */
export function represent(weights: HostTensor[], images: Float32Array, count: number): Float64Array {
  const [w1, b1, w2, b2] = weights as [HostTensor, HostTensor, HostTensor, HostTensor];
  const [pixels, hidden] = w1.shape as [number, number];
  const rep = w2.shape[1]!;
  const out = new Float64Array(count * rep);
  const a = new Float64Array(hidden);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < hidden; j++) a[j] = b1.data[j] as number;
    for (let p = 0; p < pixels; p++) {
      const x = images[i * pixels + p]!;
      if (x === 0) continue;
      for (let j = 0; j < hidden; j++) a[j]! += x * (w1.data[p * hidden + j] as number);
    }
    for (let k = 0; k < rep; k++) {
      let s = b2.data[k] as number;
      for (let j = 0; j < hidden; j++) if (a[j]! > 0) s += a[j]! * (w2.data[j * rep + k] as number);
      out[i * rep + k] = s;
    }
  }
  return out;
}

export interface ProbeData {
  /** trainCount + testCount rows of `dim` features; the first trainCount are the probe's training rows. */
  features: ArrayLike<number>;
  dim: number;
  trainLabels: ArrayLike<number>;
  testLabels: ArrayLike<number>;
}

export const PROBE = { classes: 10, steps: 300, learningRate: 0.5, momentum: 0.9, weightDecay: 1e-3 };

/** Test accuracy of a linear softmax classifier trained on the standardised training rows. */
export function linearProbe(d: ProbeData, opts = PROBE): number {
  const nTrain = d.trainLabels.length;
  const nTest = d.testLabels.length;
  const { dim } = d;
  const k = opts.classes;
  const mean = new Float64Array(dim);
  const sd = new Float64Array(dim);
  for (let i = 0; i < nTrain; i++) for (let j = 0; j < dim; j++) mean[j]! += Number(d.features[i * dim + j]) / nTrain;
  for (let i = 0; i < nTrain; i++) for (let j = 0; j < dim; j++) sd[j]! += (Number(d.features[i * dim + j]) - mean[j]!) ** 2 / nTrain;
  for (let j = 0; j < dim; j++) sd[j] = Math.sqrt(sd[j]!) || 1;
  const x = (i: number, j: number) => {
    const v = (Number(d.features[i * dim + j]) - mean[j]!) / sd[j]!;
    return Number.isFinite(v) ? v : 0;
  };
  const rows = nTrain + nTest;
  const X = new Float64Array(rows * dim);
  for (let i = 0; i < rows; i++) for (let j = 0; j < dim; j++) X[i * dim + j] = x(i, j);
  const W = new Float64Array((dim + 1) * k);
  const V = new Float64Array(W.length);
  const G = new Float64Array(W.length);
  const p = new Float64Array(k);
  const logits = (i: number, out: Float64Array) => {
    for (let c = 0; c < k; c++) {
      let s = W[dim * k + c]!;
      for (let j = 0; j < dim; j++) s += X[i * dim + j]! * W[j * k + c]!;
      out[c] = s;
    }
  };
  for (let step = 0; step < opts.steps; step++) {
    G.fill(0);
    for (let i = 0; i < nTrain; i++) {
      logits(i, p);
      const max = Math.max(...p);
      let z = 0;
      for (let c = 0; c < k; c++) z += (p[c] = Math.exp(p[c]! - max));
      for (let c = 0; c < k; c++) {
        const g = (p[c]! / z - (c === Number(d.trainLabels[i]) ? 1 : 0)) / nTrain;
        for (let j = 0; j < dim; j++) G[j * k + c]! += g * X[i * dim + j]!;
        G[dim * k + c]! += g;
      }
    }
    for (let q = 0; q < W.length; q++) {
      V[q] = opts.momentum * V[q]! - opts.learningRate * (G[q]! + (q < dim * k ? opts.weightDecay * W[q]! : 0));
      W[q]! += V[q]!;
    }
  }
  let right = 0;
  for (let i = 0; i < nTest; i++) {
    logits(nTrain + i, p);
    let best = 0;
    for (let c = 1; c < k; c++) if (p[c]! > p[best]!) best = c;
    if (best === Number(d.testLabels[i]) && Number.isFinite(p[best]!)) right++;
  }
  return nTest > 0 ? right / nTest : 0;
}
