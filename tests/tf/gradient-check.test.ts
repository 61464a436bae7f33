/**
 * Gradient-check suite: every layer and op used by a grader or lesson model, on the grader backend (wasm with the
 * project kernels) and on the cpu fallback (with the project fixes): analytic gradients against finite
 * differences, and wasm against cpu element by element.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "@/graders/tf/backend";
import { registerCpuFixes } from "@/graders/tf/kernels/register";
import { GRAD_CASES } from "./grad-cases";
import { finiteDifferenceError, gradsOn, maxRelDiff } from "./grad-helpers";

beforeAll(async () => {
  await selectBackend({ requested: "wasm" });
  registerCpuFixes();
});

describe.each(GRAD_CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
  it("wasm gradients match finite differences", async () => {
    expect(await finiteDifferenceError("wasm", c)).toBeLessThan(2e-2);
  });

  it("wasm gradients match cpu", async () => {
    const wasm = await gradsOn("wasm", c);
    const cpu = await gradsOn("cpu", c);
    expect(Math.abs(wasm.loss - cpu.loss) / (1 + Math.abs(cpu.loss))).toBeLessThan(1e-4);
    expect(maxRelDiff(wasm.grads, cpu.grads)).toBeLessThan(1e-4);
  });

  it("cpu fallback gradients match finite differences", async () => {
    expect(await finiteDifferenceError("cpu", c)).toBeLessThan(2e-2);
  });
});

it("leaves no tensors behind", async () => {
  await tf.setBackend("wasm");
  const before = tf.memory().numTensors;
  await gradsOn("wasm", GRAD_CASES[0]);
  await finiteDifferenceError("wasm", GRAD_CASES[0], 1);
  expect(tf.memory().numTensors).toBe(before);
});

describe("Adam updates", () => {
  async function adamRun(backend: string, steps: number) {
    await tf.setBackend(backend);
    const x = tf.tensor2d([[0.5, -1, 2], [1.5, 0.25, -0.75], [-2, 1, 0.5], [0.3, 0.3, -1.2]]);
    const y = tf.tensor1d([1, -2, 0.5, 3]);
    const w = tf.variable(tf.tensor1d([0.1, -0.2, 0.3]));
    const opt = tf.train.adam(0.05, 0.9, 0.999, 1e-7);
    const loss = () => tf.sum(tf.square(tf.sub(tf.squeeze(tf.matMul(x, tf.expandDims(w, 1))), y))) as tf.Scalar;
    const history: Array<{ grad: number[]; w: number[] }> = [];
    for (let t = 0; t < steps; t++) {
      const g = tf.tidy(() => Array.from(tf.grad(() => loss())(w).dataSync()));
      opt.minimize(loss, false, [w]);
      history.push({ grad: g, w: Array.from(w.dataSync()) });
    }
    tf.dispose([x, y, w]);
    opt.dispose();
    return history;
  }

  it("matches the Adam formula in float64 on wasm and agrees with cpu after three steps", async () => {
    const wasm = await adamRun("wasm", 3);
    const cpu = await adamRun("cpu", 3);
    let w = [0.1, -0.2, 0.3];
    const m = [0, 0, 0];
    const v = [0, 0, 0];
    wasm.forEach(({ grad, w: got }, i) => {
      const t = i + 1;
      w = w.map((wi, j) => {
        m[j] = 0.9 * m[j] + 0.1 * grad[j];
        v[j] = 0.999 * v[j] + 0.001 * grad[j] * grad[j];
        const mHat = m[j] / (1 - 0.9 ** t);
        const vHat = v[j] / (1 - 0.999 ** t);
        return wi - (0.05 * mHat) / (Math.sqrt(vHat) + 1e-7);
      });
      got.forEach((g, j) => expect(Math.abs(g - w[j])).toBeLessThan(1e-5));
      w = got;
    });
    wasm.at(-1)!.w.forEach((g, j) => expect(Math.abs(g - cpu.at(-1)!.w[j])).toBeLessThan(2e-6));
  });
});
