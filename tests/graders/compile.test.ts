import vm from "node:vm";
import { describe, expect, test } from "vitest";
import { compileTypeScript, MAX_SOURCE_BYTES } from "@/graders/engine/compile";
import { sourceMapper } from "@/graders/engine/source-map";

describe("compileTypeScript", () => {
  test("compiles TypeScript to CommonJS with tfjs left to the runner", async () => {
    const result = await compileTypeScript(`import * as tf from "@tensorflow/tfjs";\nexport const f = (x: tf.Tensor): tf.Tensor => tf.add(x, x);\n`);
    if (!result.ok) throw new Error(result.message);
    expect(result.module.code).toContain('require("@tensorflow/tfjs")');
    expect(JSON.parse(result.module.map).version).toBe(3);
  });

  test("reports a syntax error with line and column", async () => {
    const result = await compileTypeScript(`export function f() {\n  return (1 + ;\n}\n`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^submission\.ts:2:\d+: /);
  });

  test("refuses imports the runner does not provide, naming them and their position", async () => {
    const result = await compileTypeScript(`import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n`);
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^submission\.ts:1:30: cannot import 'node:fs'/) as unknown as string });
    const required = await compileTypeScript(`export const cp = require("child_process");\n`);
    expect(required.ok).toBe(false);
  });

  test("top-level await and oversized sources are compile errors", async () => {
    expect((await compileTypeScript("export const x = await Promise.resolve(1);\n")).ok).toBe(false);
    const big = await compileTypeScript(`export const s = "${"x".repeat(MAX_SOURCE_BYTES)}";`);
    expect(big).toEqual({ ok: false, message: expect.stringContaining("larger than") as unknown as string });
  });

  test("runtime stack positions map back to the TypeScript source", async () => {
    const source = `type Pair = { a: number };\n\n\nexport function boom(p: Pair): number {\n  const n: number = p.a;\n  throw new Error("boom " + n);\n}\n`;
    const result = await compileTypeScript(source);
    if (!result.ok) throw new Error(result.message);
    const fn = vm.compileFunction(result.module.code, ["exports", "require", "module"], { filename: "submission.js" });
    const mod = { exports: {} as Record<string, (p: { a: number }) => number> };
    fn(mod.exports, () => ({}), mod);
    let stack = "";
    try {
      mod.exports.boom!({ a: 1 });
    } catch (err) {
      stack = (err as Error).stack ?? "";
    }
    expect(stack).toContain("submission.js:");
    expect(sourceMapper(result.module.map)(stack)).toContain("submission.ts:6:9");
  });
});
