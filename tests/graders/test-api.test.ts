import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, test } from "vitest";
import { createTestApi } from "@/graders/runner/test-api";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("the public test API", () => {
  test("runs registered tests in order and reports each verdict", async () => {
    const { api, run } = createTestApi();
    api.test("close tensors", () => api.expect(tf.tensor([1, 2.000001])).toAllClose([1, 2]));
    api.test("wrong shape", () => api.expect(tf.zeros([2, 3])).toHaveShape([3, 2]));
    api.test("async failure", async () => {
      await Promise.resolve();
      throw new Error("late");
    });
    api.test("throws a number", () => {
      throw 7; // eslint-disable-line no-throw-literal
    });
    api.test("negation", () => api.expect(1).not.toBe(2));
    const seen: number[] = [];
    const outcomes = await run((done) => seen.push(done));
    expect(outcomes.map((o) => o.passed)).toEqual([true, false, false, false, true]);
    expect(outcomes[1]!.message).toBe("expected shape [3, 2], got [2, 3]");
    expect(outcomes[2]!.message).toBe("Error: late");
    expect(outcomes[3]!.message).toBe("threw 7");
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  test("matchers fail with readable messages", () => {
    const { api } = createTestApi();
    expect(() => api.expect(tf.tensor([1, NaN])).toAllClose([1, 2])).toThrow("element 1 is NaN, expected 2");
    expect(() => api.expect([1, 2]).toEqual([1, 3])).toThrow("expected [1,3], got [1,2]");
    expect(() => api.expect(0.1 + 0.2).toBeCloseTo(0.3)).not.toThrow();
    expect(() => api.expect(() => undefined).toThrow()).toThrow("expected the function to throw");
    expect(() => api.expect(() => { throw new Error("bad shape"); }).toThrow("shape")).not.toThrow(); // prettier-ignore
    expect(() => api.expect(3).toHaveShape([])).toThrow("expected a tensor, got 3");
  });

  test("each createTestApi() is a fresh registry", async () => {
    const first = createTestApi();
    first.api.test("one", () => undefined);
    const second = createTestApi();
    expect(await second.run()).toEqual([]);
    expect(await first.run()).toHaveLength(1);
  });
});
