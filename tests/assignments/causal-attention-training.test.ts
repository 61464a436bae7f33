// The training check of causal-attention against its controls, run in-process through the runner's own task: the
// reference attention must pass; an "attention" that only passes each position's value on (a bigram model in effect)
// must fail, although it was well below the old bar of 0.8 × the unigram loss.
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, test } from "vitest";
import { trainingCheck } from "@/content/assignments/causal-attention/hidden/training";
import { hostToWire, wireToHost } from "@/graders/engine/host-values";
import causalAttention from "@/content/assignments/causal-attention/task";
import { installTensorLedger } from "@/graders/runner/tensor-ledger";
import { fromWire, toWire } from "@/graders/runner/values";
import { selectBackend } from "@/graders/tf/backend";
import { createRng } from "@/graders/tf/rng";

type Attention = (q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D) => tf.Tensor3D;

const reference: Attention = (q, k, v) =>
  tf.tidy(() => {
    const n = q.shape[1];
    const mask = tf.linalg.bandPart(tf.ones([n, n]), -1, 0);
    const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(q.shape[2]));
    return tf.matMul(tf.softmax(tf.add(tf.mul(scores, mask), tf.mul(tf.sub(1, mask), -1e9))), v) as tf.Tensor3D;
  });
const passThrough: Attention = (_q, _k, v) => tf.mul(v, 1) as tf.Tensor3D;

async function trainWith(attend: Attention, seed: number) {
  const check = trainingCheck();
  const ctx = { assignment: "causal-attention", checkId: "trains", seed, rng: createRng(seed), root: process.cwd(), dir: "content/assignments/causal-attention" };
  const prepared = await check.prepare(ctx);
  const input = fromWire(hostToWire(prepared.input));
  tf.engine().startScope();
  try {
    const raw = await causalAttention.run(input, { tf, exports: { causalSelfAttention: attend }, evaluate: () => ({}), studentTf: {}, ledger: installTensorLedger(tf), progress: () => undefined, seed });
    const output = wireToHost(toWire(raw)) as Parameters<typeof check.score>[0];
    const score = await check.score(output, prepared.hidden, ctx);
    const loss = Number(/validation loss (\d+\.\d+)/.exec(score.feedback)?.[1]);
    return { score, loss, unigram: prepared.hidden.unigram };
  } finally {
    tf.engine().endScope();
  }
}

describe("causal-attention's training check", { timeout: 120_000 }, () => {
  beforeAll(async () => {
    await selectBackend();
  });

  test("the reference attention passes; an attention that uses no context fails (the old bar let it through)", async () => {
    const good = await trainWith(reference, 3);
    expect(good.score.fraction, good.score.feedback).toBe(1);
    const bigram = await trainWith(passThrough, 3);
    expect(bigram.score.fraction).toBe(0);
    expect(bigram.score.feedback).toMatch(/did not use the context well enough/);
    expect(bigram.loss).toBeLessThan(0.8 * bigram.unigram);
    expect(good.loss).toBeLessThan(bigram.loss - 0.5);
  });
});
