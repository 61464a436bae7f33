import { describe, expect, test } from "vitest";
import { artifactSchema, imageItem } from "@/graders/engine/artifacts";
import { compareTensor } from "@/graders/engine/tensor-checks";
import { HostTensor, tensor } from "@/graders/engine/host-values";

describe("artifacts", () => {
  test("image grids carry uint8 pixels that must match their shape", () => {
    const item = imageItem([0, 0.5, 1, 2], [2, 2], { caption: "digit" });
    expect([...Buffer.from(item.data, "base64")]).toEqual([0, 128, 255, 255]);
    expect(artifactSchema.safeParse({ kind: "image-grid", name: "samples", images: [item] }).success).toBe(true);
    expect(artifactSchema.safeParse({ kind: "image-grid", name: "samples", images: [{ ...item, shape: [3, 2] }] }).success).toBe(false);
  });

  test("curves need x and y of the same length; matrices are numbers", () => {
    expect(artifactSchema.safeParse({ kind: "curve", name: "loss", series: [{ name: "train", x: [1, 2], y: [0.5] }] }).success).toBe(false);
    expect(artifactSchema.safeParse({ kind: "curve", name: "loss", series: [{ name: "train", x: [1, 2], y: [0.5, 0.4] }] }).success).toBe(true);
    expect(artifactSchema.safeParse({ kind: "matrix", name: "confusion", rows: ["a"], values: [[1, 2]] }).success).toBe(true);
    expect(artifactSchema.safeParse({ kind: "heatmap", name: "x" }).success).toBe(false);
  });
});

describe("compareTensor", () => {
  const expected = tensor([[1, 2], [3, 4]]);
  test.each([
    [3, "returned a number instead of a tensor"],
    [tensor([1, 2, 3, 4]), "returned shape [4] instead of [2, 2]"],
    [tensor([[1, 2], [3, NaN]]), "the result contains NaN (at [1, 1])"],
    [tensor([[1, 2], [3.5, 4]]), "the value at [1, 0] is 3.5"],
    [tensor([[1, 2], [3, 4]], undefined, "int32"), "returned dtype int32 instead of float32"],
  ])("explains what is wrong with %s", (actual, reason) => {
    expect(compareTensor(actual as HostTensor, expected, { checkDtype: true })).toEqual({ ok: false, reason });
  });

  test("accepts values within tolerance and reveals the expected value only when asked", () => {
    expect(compareTensor(tensor([[1, 2], [3, 4.000001]]), expected)).toEqual({ ok: true });
    expect(compareTensor(tensor([[1, 2], [3, 5]]), expected, { reveal: true })).toEqual({ ok: false, reason: "the value at [1, 1] is 5, expected 4" });
  });
});
