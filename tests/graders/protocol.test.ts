import { describe, expect, test } from "vitest";
import { HostTensor, hostToWire, RngArg, tensor, wireToHost } from "@/graders/engine/host-values";
import { parseRunnerLine } from "@/graders/engine/protocol";

describe("protocol validation", () => {
  test("accepts well-formed runner messages", () => {
    const result = parseRunnerLine(JSON.stringify({ type: "result", task: "t", output: { t: "array", items: [1, "a", null, { t: "num", v: "NaN" }] } }));
    expect(result.ok).toBe(true);
    expect(parseRunnerLine(JSON.stringify({ type: "progress", task: "t", phase: "training", epoch: 2, metrics: { loss: 0.5 } })).ok).toBe(true);
  });

  test.each([
    ["not JSON", "{nope"],
    ["an unknown type", JSON.stringify({ type: "score", score: 10 })],
    ["an extra key claiming a score", JSON.stringify({ type: "result", task: "t", output: null, score: 10 })],
    ["a tensor with non-base64 data", JSON.stringify({ type: "result", task: "t", output: { t: "tensor", dtype: "float32", shape: [1], data: "!!" } })],
    ["a negative dimension", JSON.stringify({ type: "result", task: "t", output: { t: "tensor", dtype: "float32", shape: [-1], data: "" } })],
    ["an error kind the runner may not claim", JSON.stringify({ type: "error", task: "t", kind: "timeout", message: "x" })],
    ["a generator as output", JSON.stringify({ type: "result", task: "t", output: { t: "rng", seed: 1 } })],
  ])("rejects %s", (_label, line) => {
    const result = parseRunnerLine(line);
    expect(result.ok).toBe(false);
  });

  test("a __proto__ key cannot reach a prototype", () => {
    const line = `{"type":"result","task":"t","output":{"t":"object","fields":{"__proto__":{"t":"object","fields":{"polluted":true}},"x":1}}}`;
    const parsed = parseRunnerLine(line);
    if (!parsed.ok || parsed.message.type !== "result") throw new Error("expected a result message");
    const value = wireToHost(parsed.message.output) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["x"]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("rejects hostile nesting without overflowing the stack", () => {
    const deep = `{"type":"result","task":"t","output":${'{"t":"array","items":['.repeat(50_000)}1${"]}".repeat(50_000)}}`;
    const result = parseRunnerLine(deep);
    expect(result).toEqual({ ok: false, reason: "a message nested too deeply" });
  });
});

describe("host values", () => {
  test("round-trip tensors, typed arrays, non-finite numbers and objects", () => {
    const value = {
      t: tensor([[1, 2], [3, 4]]),
      i: tensor([1, -2], [2], "int32"),
      b: tensor([true, false], [2], "bool"),
      s: new HostTensor("string", [2], ["a", "bc"]),
      nan: NaN,
      inf: -Infinity,
      typed: new Float64Array([0.5, 1.5]),
      list: [undefined, null, "x"],
    };
    const back = wireToHost(JSON.parse(JSON.stringify(hostToWire(value)))) as Record<string, unknown>;
    const t = back.t as HostTensor;
    expect(t).toBeInstanceOf(HostTensor);
    expect([...t.shape]).toEqual([2, 2]);
    expect(Array.from(t.data as Float32Array)).toEqual([1, 2, 3, 4]);
    expect((back.i as HostTensor).dtype).toBe("int32");
    expect(Array.from((back.b as HostTensor).data as Uint8Array)).toEqual([1, 0]);
    expect((back.s as HostTensor).data).toEqual(["a", "bc"]);
    expect(Number.isNaN(back.nan)).toBe(true);
    expect(back.inf).toBe(-Infinity);
    expect(Array.from(back.typed as Float64Array)).toEqual([0.5, 1.5]);
    expect(back.list).toEqual([undefined, null, "x"]);
  });

  test("decoding defines keys, so a __proto__ field stays an own property", () => {
    const value = wireToHost({ t: "object", fields: JSON.parse('{"__proto__": 1}') as Record<string, number> }) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toBe(1);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  test("a tensor whose data does not match its shape is malformed", () => {
    const wire = { t: "tensor" as const, dtype: "float32" as const, shape: [3], data: Buffer.from(new Float32Array([1, 2]).buffer).toString("base64") };
    expect(() => wireToHost(wire)).toThrow(/needs 3 values, got 2/);
  });

  test("task inputs refuse what has no wire form", () => {
    expect(() => hostToWire({ f: () => 1 })).toThrow(/cannot hold a function/);
    expect(() => hostToWire([new Map()])).toThrow(/class instance/);
  });

  test("generators travel only as inputs", () => {
    expect(hostToWire(new RngArg(5))).toEqual({ t: "rng", seed: 5 });
    expect(() => wireToHost({ t: "rng", seed: 5 })).toThrow();
  });

  test("tensor() infers shapes and refuses ragged arrays", () => {
    expect([...tensor([[[1], [2]]]).shape]).toEqual([1, 2, 1]);
    expect([...tensor(3).shape]).toEqual([]);
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/);
  });
});
