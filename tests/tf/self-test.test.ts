/** The start-up self-test passes with the project kernels and refuses to grade when a kernel is wrong. */
import * as tf from "@tensorflow/tfjs";
import type { KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "@/graders/tf/backend";
import { registerCpuFixes, WASM_TRAINING_KERNELS } from "@/graders/tf/kernels/register";
import { projectKernels, stockKernel } from "@/graders/tf/kernels/registry";
import { assertPinnedVersions, assertSelfTest, runSelfTest } from "@/graders/tf/self-test";

function replaceKernel(kernelName: string, backendName: string, kernelFunc: KernelFunc): void {
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ kernelName, backendName, kernelFunc });
}

function restore(): void {
  for (const k of projectKernels("wasm")) replaceKernel(k.kernelName, "wasm", k.kernelFunc);
}

beforeAll(async () => {
  await selectBackend({ requested: "wasm", selfTest: true });
});

afterEach(restore);

describe("self-test", () => {
  it("checks every registered wasm kernel, several cases each, and all pass", () => {
    const results = assertSelfTest("wasm");
    const names = new Set(results.map((r) => r.kernelName));
    for (const k of WASM_TRAINING_KERNELS) expect(names.has(k.kernelName)).toBe(true);
    for (const name of ["Conv2DBackpropFilter", "MaxPoolGrad", "DepthwiseConv2dNativeBackpropFilter", "UnsortedSegmentSum"]) {
      expect(results.filter((r) => r.kernelName === name).length).toBeGreaterThanOrEqual(3);
    }
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it("passes for the cpu fixes", () => {
    registerCpuFixes();
    const results = assertSelfTest("cpu");
    expect(results.map((r) => r.kernelName)).toEqual(expect.arrayContaining(["ResizeNearestNeighborGrad", "Conv2DBackpropFilter"]));
  });

  it("fails, naming the kernel, when the shipped wasm MaxPoolGrad is put back", () => {
    const shipped = stockKernel("MaxPoolGrad", "wasm");
    expect(shipped).toBeDefined();
    replaceKernel("MaxPoolGrad", "wasm", shipped!.kernelFunc);
    expect(() => assertSelfTest("wasm")).toThrow(/refusing to grade[\s\S]*MaxPoolGrad/);
  });

  it("fails when a kernel is off by a small amount", () => {
    const good = projectKernels("wasm").find((k) => k.kernelName === "Conv2DBackpropFilter")!;
    const slightlyWrong: KernelFunc = (args) => {
      const out = good.kernelFunc(args) as TensorInfo;
      const backend = args.backend as { typedArrayFromHeap(t: TensorInfo): Float32Array };
      backend.typedArrayFromHeap(out)[0] += 1e-2;
      return out;
    };
    replaceKernel("Conv2DBackpropFilter", "wasm", slightlyWrong);
    const failed = runSelfTest("wasm").filter((r) => !r.ok);
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(failed.map((r) => r.kernelName))).toEqual(new Set(["Conv2DBackpropFilter"]));
  });

  it("fails when a kernel throws", () => {
    replaceKernel("UnsortedSegmentSum", "wasm", () => {
      throw new Error("boom");
    });
    const failed = runSelfTest("wasm").filter((r) => !r.ok);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].message).toContain("boom");
  });

  it("fails for the shipped AvgPoolGrad, whose 'same'-padding borders are wrong", () => {
    replaceKernel("AvgPoolGrad", "wasm", stockKernel("AvgPoolGrad", "wasm")!.kernelFunc);
    const failed = runSelfTest("wasm").filter((r) => !r.ok);
    expect(failed.map((r) => `${r.kernelName} ${r.label}`)).toEqual(expect.arrayContaining(["AvgPoolGrad 3x3 s1 same"]));
    expect(failed.every((r) => r.kernelName === "AvgPoolGrad")).toBe(true);
  });

  it("accepts the pinned TF.js versions", () => {
    expect(() => assertPinnedVersions()).not.toThrow();
    expect(tf.version["tfjs-core"]).toBe("4.22.0");
  });
});
