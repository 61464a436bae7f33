/** Backend selection: order, overrides, loud failures, and the wasm binaries found without a URL fetch. */
import * as tf from "@tensorflow/tfjs";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { activeBackend, selectBackend, wasmBinaryDir } from "@/graders/tf/backend";

const savedEnv = process.env.GRADER_TF_BACKEND;
afterEach(() => {
  if (savedEnv === undefined) delete process.env.GRADER_TF_BACKEND;
  else process.env.GRADER_TF_BACKEND = savedEnv;
});

const nodeBindingInstalled = ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"].some((p) =>
  fs.existsSync(path.join(process.cwd(), "node_modules", p)),
);

describe("selectBackend", () => {
  it("finds the wasm binaries on disk", () => {
    expect(fs.existsSync(path.join(wasmBinaryDir(), "tfjs-backend-wasm-simd.wasm"))).toBe(true);
  });

  it.skipIf(nodeBindingInstalled)("without tfjs-node picks wasm with the project kernels", async () => {
    delete process.env.GRADER_TF_BACKEND;
    const chosen = await selectBackend();
    expect(chosen).toEqual({ name: "wasm", detail: "wasm+unlabeled-kernels" });
    expect(tf.getBackend()).toBe("wasm");
    expect(activeBackend()).toEqual(chosen);
    expect(tf.getKernel("Conv2DBackpropFilter", "wasm")).toBeDefined();
  });

  it("honours GRADER_TF_BACKEND", async () => {
    process.env.GRADER_TF_BACKEND = "cpu";
    expect(await selectBackend()).toEqual({ name: "cpu", detail: "cpu+unlabeled-fixes" });
    expect(tf.getBackend()).toBe("cpu");
    process.env.GRADER_TF_BACKEND = "wasm";
    expect((await selectBackend()).name).toBe("wasm");
  });

  it("lets the caller's request win over the environment", async () => {
    process.env.GRADER_TF_BACKEND = "wasm";
    expect((await selectBackend({ requested: "cpu" })).name).toBe("cpu");
  });

  it("rejects an unknown backend name loudly", async () => {
    process.env.GRADER_TF_BACKEND = "webgl";
    await expect(selectBackend()).rejects.toThrow(/GRADER_TF_BACKEND='webgl'/);
  });

  it.skipIf(nodeBindingInstalled)("fails loudly when the requested tensorflow backend cannot activate", async () => {
    await expect(selectBackend({ requested: "tensorflow" })).rejects.toThrow(
      /could not activate the requested TF.js backend 'tensorflow'.*tfjs-node/,
    );
  });

  it("runs the self-test on request", async () => {
    expect((await selectBackend({ requested: "wasm", selfTest: true })).name).toBe("wasm");
  });
});

describe("in a sandbox-like process", () => {
  it("selects wasm from a bundle under Node's permission model with read-only files", async () => {
    const esbuild = await import("esbuild");
    const os = await import("node:os");
    const { execFile } = await import("node:child_process");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-sandbox-"));
    try {
      const outfile = path.join(dir, "sandbox.cjs");
      await esbuild.build({
        entryPoints: ["tests/tf/fixtures/sandbox-select.ts"], bundle: true, platform: "node", format: "cjs", outfile,
        logLevel: "silent",
      });
      const args = ["--experimental-permission", `--allow-fs-read=${process.cwd()}`, `--allow-fs-read=${dir}`, outfile];
      const env = { ...process.env, GRADER_TF_BACKEND: "wasm", NODE_NO_WARNINGS: "1" };
      const out = await new Promise<string>((resolve, reject) =>
        execFile(process.execPath, args, { cwd: process.cwd(), env }, (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
        ),
      );
      expect(JSON.parse(out.trim().split("\n").at(-1)!)).toEqual({
        backend: { name: "wasm", detail: "wasm+unlabeled-kernels" }, finite: true,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("gradingProcessesPerMachine", () => {
  it("defaults to one process per core and accepts an override", async () => {
    const os = await import("node:os");
    const { gradingProcessesPerMachine } = await import("@/graders/tf/concurrency");
    const saved = process.env.GRADER_PROCESSES;
    try {
      delete process.env.GRADER_PROCESSES;
      expect(gradingProcessesPerMachine()).toBe(os.availableParallelism());
      process.env.GRADER_PROCESSES = "1";
      expect(gradingProcessesPerMachine()).toBe(1);
      process.env.GRADER_PROCESSES = "zero";
      expect(() => gradingProcessesPerMachine()).toThrow(/GRADER_PROCESSES/);
    } finally {
      if (saved === undefined) delete process.env.GRADER_PROCESSES;
      else process.env.GRADER_PROCESSES = saved;
    }
  });
});
