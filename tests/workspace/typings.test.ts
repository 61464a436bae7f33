import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { collectTestApiTypings, collectTfTypings, copyBrowserAssets } from "../../scripts/copy-browser-assets";

/** Type-checks files against the typings bundle the way the workspace's Monaco does (virtual files, node resolution). */
function typeErrors(files: Record<string, string>, libs: { path: string; content: string }[]): string[] {
  const all = new Map<string, string>();
  for (const f of libs) all.set(f.path.replace("file://", ""), f.content);
  for (const [name, content] of Object.entries(files)) all.set(name, content);
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ["lib.es2020.d.ts", "lib.dom.d.ts"],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const real = { getSourceFile: host.getSourceFile.bind(host), fileExists: host.fileExists.bind(host), readFile: host.readFile.bind(host) };
  host.getSourceFile = (name, lang) => (all.has(name) ? ts.createSourceFile(name, all.get(name)!, lang) : real.getSourceFile(name, lang));
  host.fileExists = (name) => all.has(name) || (name.includes("/typescript/lib/") && real.fileExists(name));
  host.readFile = (name) => all.get(name) ?? (name.includes("/typescript/lib/") ? real.readFile(name) : undefined);
  host.getCurrentDirectory = () => "/";
  // Monaco's TypeScript host has no directoryExists, which TypeScript reads as "every directory exists".
  host.directoryExists = () => true;
  const program = ts.createProgram({ rootNames: [...all.keys()].filter((n) => !n.endsWith(".json")), options, host });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && Object.keys(files).includes(d.file.fileName))
    .map((d) => `${d.file!.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

describe("the browser typings bundle", () => {
  const libs = [...collectTfTypings(process.cwd()), ...collectTestApiTypings(process.cwd())];

  it("holds the real @tensorflow/tfjs types: a correct student file and a public test check cleanly, real mistakes are reported", () => {
    expect(libs.some((f) => f.path === "file:///node_modules/@tensorflow/tfjs/index.d.ts")).toBe(true);
    expect(libs.some((f) => f.path.startsWith("file:///node_modules/@tensorflow/tfjs-layers/"))).toBe(true);
    const starter = 'import * as tf from "@tensorflow/tfjs";\nexport function addTensors(a: tf.Tensor, b: tf.Tensor): tf.Tensor {\n  return tf.tidy(() => tf.add(a, b).relu());\n}\nexport const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });\n';
    const test = 'import * as tf from "@tensorflow/tfjs";\nimport { expect, test } from "unlabeled:test";\nimport { addTensors } from "./starter";\ntest("x", () => { expect(addTensors(tf.scalar(1), tf.scalar(2))).toAllClose(3); });\n';
    const wrong = 'import * as tf from "@tensorflow/tfjs";\nexport function f(a: tf.Tensor): number {\n  const s: string = tf.scalar(1);\n  return a.noSuchMethod();\n}\n';
    const errors = typeErrors({ "/starter.ts": starter, "/public.test.ts": test, "/wrong.ts": wrong }, libs);
    expect(errors.filter((e) => !e.startsWith("/wrong.ts"))).toEqual([]);
    const text = errors.join("\n");
    expect(text).toMatch(/Type 'Scalar' is not assignable to type 'string'/);
    expect(text).toMatch(/Property 'noSuchMethod' does not exist on type 'Tensor<Rank>'/);
  }, 60_000);

  it("copies into public/tfjs only what changed, and holds nothing hidden", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-assets-"));
    fs.symlinkSync(path.resolve("node_modules"), path.join(root, "node_modules"));
    fs.mkdirSync(path.join(root, "graders"));
    fs.symlinkSync(path.resolve("graders/runner"), path.join(root, "graders", "runner"));
    expect(copyBrowserAssets(root).sort()).toEqual(["tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm", "tfjs-backend-wasm.wasm", "typings.json"]);
    const typings = path.join(root, "public", "tfjs", "typings.json");
    const mtime = fs.statSync(typings).mtimeMs;
    expect(copyBrowserAssets(root)).toEqual([]);
    expect(fs.statSync(typings).mtimeMs).toBe(mtime);
    expect(fs.readFileSync(typings, "utf8")).not.toContain("unlabeled-hidden-");
    const wasm = fs.readFileSync(path.join(root, "public", "tfjs", "tfjs-backend-wasm-simd.wasm"));
    expect(wasm.subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
    fs.rmSync(root, { recursive: true, force: true });
  });
});
