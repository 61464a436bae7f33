/**
 * Project kernels at sizes the self-test does not reach (batch chunking, fast matMul paths), and the cpu fixes
 * against the stock cpu kernels they replace.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "@/graders/tf/backend";
import { registerCpuFixes } from "@/graders/tf/kernels/register";
import { stockKernel } from "@/graders/tf/kernels/registry";
import { createRng, deriveSeed } from "@/graders/tf/rng";

function randomArray(size: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: size }, () => rng() * 2 - 1);
}

/** Runs the same kernel call on two backends and returns the largest relative difference. */
async function compareBackends(
  kernelName: string, inputs: Record<string, { shape: number[]; values: Float32Array | Int32Array }>,
  attrs: Record<string, unknown>, a: string, b: string,
): Promise<number> {
  const run = async (backend: string) => {
    await tf.setBackend(backend);
    return tf.tidy(() => {
      const ts: Record<string, tf.Tensor> = {};
      for (const [name, v] of Object.entries(inputs)) ts[name] = tf.tensor(v.values, v.shape, v.values instanceof Int32Array ? "int32" : "float32");
      return (tf.engine().runKernel(kernelName, ts, attrs as tf.NamedAttrMap) as tf.Tensor).dataSync() as Float32Array;
    });
  };
  const x = await run(a);
  const y = await run(b);
  if (x.length !== y.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]) / (1 + Math.abs(y[i])));
  return worst;
}

beforeAll(async () => {
  await selectBackend({ requested: "wasm" });
  registerCpuFixes();
});

describe("wasm Conv2DBackpropFilter", () => {
  it("chunks large batches and still matches cpu", async () => {
    // K · OH · OW · B = 144 · 4096 · 30 floats exceeds the 16M-float im2col limit, so two chunks run.
    const xShape = [30, 64, 64, 16];
    const dyShape = [30, 64, 64, 4];
    const err = await compareBackends(
      "Conv2DBackpropFilter",
      { x: { shape: xShape, values: randomArray(30 * 64 * 64 * 16, 1) }, dy: { shape: dyShape, values: randomArray(30 * 64 * 64 * 4, 2) } },
      { strides: 1, pad: "same", filterShape: [3, 3, 16, 4], dataFormat: "NHWC" },
      "wasm", "cpu",
    );
    expect(err).toBeLessThan(1e-3);
  });

  it.each([
    ["stride 2 same, 28x28", [8, 28, 28, 3], [3, 3, 3, 8], 2, "same"],
    ["stride 1 valid, 5x5 filter", [4, 16, 16, 4], [5, 5, 4, 6], 1, "valid"],
  ] as const)("matches cpu: %s", async (_label, xShape, filterShape, strides, pad) => {
    const info = tf.backend_util.computeConv2DInfo(xShape as never, filterShape as never, strides, 1, pad);
    const size = (s: readonly number[]) => s.reduce((p, d) => p * d, 1);
    const err = await compareBackends(
      "Conv2DBackpropFilter",
      { x: { shape: [...xShape], values: randomArray(size(xShape), 3) }, dy: { shape: info.outShape, values: randomArray(size(info.outShape), 4) } },
      { strides, pad, filterShape: [...filterShape], dataFormat: "NHWC" },
      "wasm", "cpu",
    );
    expect(err).toBeLessThan(1e-4);
  });
});

describe("wasm BatchMatMul fast paths", () => {
  it.each([
    ["dense backward, transposeA", [256, 128], [256, 64], true, false],
    ["dense backward, transposeB", [64, 10], [128, 10], false, true],
    ["sequence batch against a shared matrix", [4, 32, 16], [16, 24], false, false],
    ["attention scores, batched, transposeB", [8, 32, 16], [8, 32, 16], false, true],
    ["attention values, batched", [8, 32, 32], [8, 32, 16], false, false],
  ] as const)("%s matches cpu", async (_label, aShape, bShape, transposeA, transposeB) => {
    const size = (s: readonly number[]) => s.reduce((p, d) => p * d, 1);
    const err = await compareBackends(
      "BatchMatMul",
      { a: { shape: [...aShape], values: randomArray(size(aShape), deriveSeed(5, _label)) }, b: { shape: [...bShape], values: randomArray(size(bShape), 6) } },
      { transposeA, transposeB },
      "wasm", "cpu",
    );
    expect(err).toBeLessThan(1e-4);
  });
});

describe("cpu fixes", () => {
  it("ResizeNearestNeighborGrad: the stock kernel is wrong for batch > 1, the fix matches batch-1 results", async () => {
    await tf.setBackend("cpu");
    const images = tf.randomNormal([3, 4, 5, 2], 0, 1, "float32", 1);
    const grad = (x: tf.Tensor) => tf.grad((t: tf.Tensor) => tf.image.resizeNearestNeighbor(t as tf.Tensor4D, [8, 10]).mul(tf.range(0, 3 * 8 * 10 * 2).reshape([3, 8, 10, 2])).sum())(x);
    const fixed = grad(images);
    const perImage = tf.concat([0, 1, 2].map((i) => {
      const dy = tf.range(0, 3 * 8 * 10 * 2).reshape([3, 8, 10, 2]).slice([i], [1]);
      return tf.grad((t: tf.Tensor) => tf.image.resizeNearestNeighbor(t as tf.Tensor4D, [8, 10]).mul(dy).sum())(images.slice([i], [1]));
    }));
    expect(Array.from(fixed.dataSync())).toEqual(Array.from(perImage.dataSync()));
    const stock = stockKernel("ResizeNearestNeighborGrad", "cpu")!;
    tf.unregisterKernel("ResizeNearestNeighborGrad", "cpu");
    tf.registerKernel(stock);
    try {
      expect(Array.from(grad(images).dataSync())).not.toEqual(Array.from(perImage.dataSync()));
    } finally {
      registerCpuFixes();
      const current = tf.getKernel("ResizeNearestNeighborGrad", "cpu")!;
      expect(current.kernelFunc).not.toBe(stock.kernelFunc);
    }
  });

  it("the fast cpu Conv2DBackpropFilter agrees with the wasm one (stride 2, same)", async () => {
    const fixed = await compareBackends(
      "Conv2DBackpropFilter",
      { x: { shape: [4, 9, 9, 3], values: randomArray(4 * 9 * 9 * 3, 7) }, dy: { shape: [4, 5, 5, 4], values: randomArray(4 * 5 * 5 * 4, 8) } },
      { strides: 2, pad: "same", filterShape: [3, 3, 3, 4], dataFormat: "NHWC" },
      "cpu", "wasm",
    );
    expect(fixed).toBeLessThan(1e-4);
  });

  it("Transform transforms every image of a batch, like the wasm kernel", async () => {
    const image = { shape: [3, 6, 5, 2], values: randomArray(3 * 6 * 5 * 2, 9) };
    const transforms = {
      shape: [3, 8],
      values: Float32Array.from([1, 0, 1, 0, 1, 0, 0, 0, 1, 0, -1.5, 0, 1, 0.5, 0, 0, 0.9, 0.1, 0, -0.1, 0.9, 0.3, 0, 0]),
    };
    const attrs = { interpolation: "bilinear", fillMode: "constant", fillValue: 0 };
    expect(await compareBackends("Transform", { image, transforms }, attrs, "cpu", "wasm")).toBeLessThan(1e-5);
    const stock = stockKernel("Transform", "cpu")!;
    tf.unregisterKernel("Transform", "cpu");
    tf.registerKernel(stock);
    try {
      expect(await compareBackends("Transform", { image, transforms }, attrs, "cpu", "wasm")).toBeGreaterThan(1e-2);
    } finally {
      registerCpuFixes();
    }
  });
});
