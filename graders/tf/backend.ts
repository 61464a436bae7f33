/**
 * The one place that picks the TF.js backend for graders, the sandbox runner and benchmarks.
 *
 * Order: `tensorflow` (through @tensorflow/tfjs-node-gpu or -node, when installed and usable), else `wasm` with the
 * project's training kernels, else `cpu` (with the project's cpu fixes). GRADER_TF_BACKEND or `requested` forces
 * one, and a forced backend that does not activate is an error: tf.setBackend() returns false without throwing.
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import path from "node:path";
import fs from "node:fs";
import { registerCpuFixes, registerWasmTrainingKernels } from "./kernels/register";
import { resolvePackagePath } from "./resolve";
import { assertSelfTest } from "./self-test";

export type TfBackendName = "tensorflow" | "wasm" | "cpu";
export interface ActiveBackend {
  name: TfBackendName;
  detail: string;
}

export const TF_BACKEND_NAMES: readonly TfBackendName[] = ["tensorflow", "wasm", "cpu"];
const NODE_BINDINGS = ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"] as const;

let active: ActiveBackend | null = null;
let wasmPathsSet = false;

/** The backend chosen by the last successful selectBackend() in this process, or null. */
export function activeBackend(): ActiveBackend | null {
  return active && tf.getBackend() === active.name ? active : null;
}

function parseRequested(value: string | undefined): TfBackendName | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const name = value.trim();
  if ((TF_BACKEND_NAMES as readonly string[]).includes(name)) return name as TfBackendName;
  throw new Error(`GRADER_TF_BACKEND='${value}' is not a TF.js backend; use one of ${TF_BACKEND_NAMES.join(", ")}`);
}

/** Directory holding tfjs-backend-wasm's .wasm binaries (GRADER_TF_WASM_DIR overrides). */
export function wasmBinaryDir(): string {
  const override = process.env.GRADER_TF_WASM_DIR;
  const candidates: string[] = [];
  if (override) candidates.push(override);
  const pkg = resolvePackagePath("@tensorflow/tfjs-backend-wasm/package.json");
  if (pkg) candidates.push(path.join(path.dirname(pkg), "dist"));
  const main = resolvePackagePath("@tensorflow/tfjs-backend-wasm");
  if (main) candidates.push(path.dirname(main));
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, "tfjs-backend-wasm-simd.wasm"))) return dir;
  }
  throw new Error(
    `cannot find the tfjs-backend-wasm binaries (looked in ${candidates.join(", ") || "no location"}); ` +
      "install @tensorflow/tfjs-backend-wasm or set GRADER_TF_WASM_DIR",
  );
}

async function activate(name: TfBackendName): Promise<boolean> {
  // Production mode silences TF.js's console banner about tfjs-node in every grading log.
  tf.enableProdMode();
  const ok = await tf.setBackend(name);
  await tf.ready();
  return ok && tf.getBackend() === name;
}

/** Loads tfjs-node-gpu or tfjs-node when present; returns the package that registered `tensorflow`, or null. */
function loadNodeBinding(errors: string[]): string | null {
  for (const name of NODE_BINDINGS) {
    const resolved = resolvePackagePath(name);
    if (!resolved) continue;
    try {
      // A computed require keeps bundlers from resolving an optional package at build time.
      createRequire(resolved)(resolved);
      if (tf.findBackendFactory("tensorflow")) return name.replace("@tensorflow/", "");
      errors.push(`${name} loaded but registered no 'tensorflow' backend (a second copy of tfjs-core?)`);
    } catch (err) {
      errors.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return null;
}

async function tryTensorflow(errors: string[]): Promise<ActiveBackend | null> {
  const detail = loadNodeBinding(errors);
  if (!detail) {
    if (errors.length === 0) errors.push("neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node is installed");
    return null;
  }
  if (!(await activate("tensorflow"))) {
    errors.push(`${detail} is installed but tf.setBackend('tensorflow') did not activate it`);
    return null;
  }
  // Usable means it computes: a binding whose native library fails to load can still register.
  const probe = tf.tidy(() => tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).dataSync()[0]);
  if (probe !== 3) {
    errors.push(`${detail} activated but computed ${probe} for a 2x3·3x2 matMul of ones`);
    return null;
  }
  return { name: "tensorflow", detail };
}

async function tryWasm(errors: string[]): Promise<ActiveBackend | null> {
  try {
    if (!wasmPathsSet) {
      // A directory prefix: emscripten reads the file with fs in Node, no fetch.
      setWasmPaths(wasmBinaryDir() + path.sep);
      wasmPathsSet = true;
    }
  } catch (err) {
    errors.push(`wasm: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
  registerWasmTrainingKernels();
  if (!(await activate("wasm"))) {
    errors.push("tf.setBackend('wasm') did not activate the wasm backend (binary not loadable?)");
    return null;
  }
  return { name: "wasm", detail: "wasm+unlabeled-kernels" };
}

async function tryCpu(errors: string[]): Promise<ActiveBackend | null> {
  registerCpuFixes();
  if (!(await activate("cpu"))) {
    errors.push("tf.setBackend('cpu') did not activate the cpu backend");
    return null;
  }
  return { name: "cpu", detail: "cpu+unlabeled-fixes" };
}

const attempts: Record<TfBackendName, (errors: string[]) => Promise<ActiveBackend | null>> = {
  tensorflow: tryTensorflow,
  wasm: tryWasm,
  cpu: tryCpu,
};

/**
 * Selects and activates the TF.js backend for training. With `selfTest`, every project kernel registered for the
 * chosen backend is checked against stock `cpu` (and the TF.js version against the pinned one) before returning;
 * a disagreement throws, so a grader refuses to grade instead of grading with wrong gradients.
 */
export async function selectBackend(
  opts: { requested?: TfBackendName; selfTest?: boolean } = {},
): Promise<ActiveBackend> {
  const requested = opts.requested ?? parseRequested(process.env.GRADER_TF_BACKEND);
  if (requested !== undefined && !(TF_BACKEND_NAMES as readonly string[]).includes(requested)) {
    throw new Error(`unknown TF.js backend '${String(requested)}'; use one of ${TF_BACKEND_NAMES.join(", ")}`);
  }
  const order = requested ? [requested] : TF_BACKEND_NAMES;
  const errors: string[] = [];
  let chosen: ActiveBackend | null = null;
  for (const name of order) {
    chosen = await attempts[name](errors);
    if (chosen) break;
  }
  if (!chosen) {
    const what = requested ? `the requested TF.js backend '${requested}'` : "any TF.js backend";
    throw new Error(`could not activate ${what}: ${errors.join("; ")}`);
  }
  if (tf.getBackend() !== chosen.name) {
    throw new Error(`TF.js reports backend '${tf.getBackend()}' after selecting '${chosen.name}'`);
  }
  if (opts.selfTest) assertSelfTest(chosen.name);
  active = chosen;
  return chosen;
}
