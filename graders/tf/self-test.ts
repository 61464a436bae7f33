/**
 * Start-up self-test: every project kernel registered for a backend is run on small seeded inputs and compared
 * with the stock `cpu` kernel (or the kernel's own cpu reference). The project kernels rely on backend internals,
 * so the TF.js versions are checked against the pinned ones too.
 */
import * as tf from "@tensorflow/tfjs";
import { version_wasm } from "@tensorflow/tfjs-backend-wasm";
import type { DataType, KernelBackend, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { CPU_FIXES, WASM_TRAINING_KERNELS } from "./kernels/register";
import { projectKernels, requireStockKernel, type KernelCase, type ProjectKernel } from "./kernels/registry";
import { createRng, deriveSeed } from "./rng";

export const PINNED_TFJS_VERSION = "4.22.0";

export interface SelfTestResult {
  kernelName: string;
  backendName: string;
  label: string;
  maxError: number;
  ok: boolean;
  message?: string;
}

type Values = Float32Array | Int32Array | Uint8Array;

/** Throws unless every TF.js package the kernels touch is at the pinned version. */
export function assertPinnedVersions(): void {
  const found: Record<string, string> = { ...tf.version, "tfjs-backend-wasm": version_wasm };
  const wrong = ["tfjs-core", "tfjs-backend-cpu", "tfjs-layers", "tfjs-backend-wasm"]
    .filter((name) => found[name] !== PINNED_TFJS_VERSION)
    .map((name) => `${name}@${found[name] ?? "missing"}`);
  if (wrong.length > 0) {
    throw new Error(
      `the project's TF.js kernels are written for ${PINNED_TFJS_VERSION} internals but found ${wrong.join(", ")}; ` +
        "pin @tensorflow/tfjs and @tensorflow/tfjs-backend-wasm exactly",
    );
  }
}

function caseValues(kernel: ProjectKernel, c: KernelCase): Record<string, { shape: number[]; dtype: DataType; values: Values }> {
  const out: Record<string, { shape: number[]; dtype: DataType; values: Values }> = {};
  for (const [name, spec] of Object.entries(c.inputs)) {
    const dtype = spec.dtype ?? "float32";
    const size = spec.shape.reduce((p, d) => p * d, 1);
    const rng = createRng(deriveSeed(7, kernel.kernelName, c.label, name));
    const [lo, hi] = spec.range ?? [-1, 1];
    const values = dtype === "int32" ? new Int32Array(size) : new Float32Array(size);
    for (let i = 0; i < size; i++) {
      const v = spec.values ? spec.values[i] : lo + (hi - lo) * rng();
      values[i] = dtype === "int32" && !spec.values ? Math.floor(v) : v;
    }
    out[name] = { shape: spec.shape, dtype, values };
  }
  return out;
}

function backendNamed(name: string): KernelBackend {
  const backend = tf.engine().findBackend(name);
  if (!backend) throw new Error(`self-test: backend '${name}' is not initialised`);
  return backend;
}

/** Runs one kernel function directly on a backend (no engine, no tape) and reads its first output back. */
function runKernel(backendName: string, kernelFunc: KernelFunc, kernel: ProjectKernel, c: KernelCase) {
  const backend = backendNamed(backendName);
  const inputs: Record<string, TensorInfo> = {};
  for (const [name, v] of Object.entries(caseValues(kernel, c))) {
    inputs[name] = { dataId: backend.write(v.values.slice(), v.shape, v.dtype), shape: v.shape, dtype: v.dtype };
  }
  try {
    const result = kernelFunc({ inputs, backend, attrs: c.attrs });
    const out = Array.isArray(result) ? result[0] : result;
    const values = Float64Array.from(backend.readSync(out.dataId) as Values);
    const extra = Array.isArray(result) ? result : [result];
    for (const t of extra) backend.disposeData(t.dataId);
    return { shape: [...out.shape], values };
  } finally {
    for (const t of Object.values(inputs)) backend.disposeData(t.dataId);
  }
}

function compare(a: { shape: number[]; values: Float64Array }, b: { shape: number[]; values: Float64Array }) {
  if (a.shape.join(",") !== b.shape.join(",")) return { maxError: Infinity, message: `shape ${a.shape} vs ${b.shape}` };
  let maxError = 0;
  for (let i = 0; i < a.values.length; i++) {
    const err = Math.abs(a.values[i] - b.values[i]) / (1 + Math.abs(b.values[i]));
    if (!(err <= maxError)) maxError = Number.isNaN(err) ? Infinity : err;
  }
  return { maxError };
}

/**
 * The kernels checked for a backend: the project kernels registered for wasm or cpu; for `tensorflow`, the
 * same kernel families as the wasm set, run through tfjs-node's own kernels.
 */
function kernelsFor(backendName: string): ProjectKernel[] {
  if (backendName === "wasm" || backendName === "cpu") return projectKernels(backendName);
  const byName = new Map<string, ProjectKernel>();
  for (const k of [...WASM_TRAINING_KERNELS, ...CPU_FIXES]) {
    const prev = byName.get(k.kernelName);
    byName.set(k.kernelName, prev ? { ...prev, cases: [...prev.cases, ...k.cases] } : k);
  }
  return [...byName.values()].filter((k) => tf.getKernel(k.kernelName, backendName) !== undefined);
}

/** Runs the self-test for a backend's registered kernels (the ones TF.js will dispatch to right now). */
export function runSelfTest(backendName: string = tf.getBackend()): SelfTestResult[] {
  const results: SelfTestResult[] = [];
  for (const kernel of kernelsFor(backendName)) {
    const registered = tf.getKernel(kernel.kernelName, backendName);
    const reference = kernel.reference ?? requireStockKernel(kernel.kernelName, "cpu");
    const tolerance = kernel.tolerance ?? 1e-4;
    for (const c of kernel.cases) {
      const base = { kernelName: kernel.kernelName, backendName, label: c.label };
      try {
        if (!registered) throw new Error("no kernel registered");
        const got = runKernel(backendName, registered.kernelFunc, kernel, c);
        const want = runKernel("cpu", reference, kernel, c);
        const { maxError, message } = compare(got, want);
        results.push({ ...base, maxError, ok: maxError <= tolerance, message });
      } catch (err) {
        results.push({ ...base, maxError: Infinity, ok: false, message: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  return results;
}

/** Version check plus self-test; throws a readable error naming every failing kernel case. */
export function assertSelfTest(backendName: string = tf.getBackend()): SelfTestResult[] {
  assertPinnedVersions();
  const results = runSelfTest(backendName);
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    const lines = failed.map(
      (r) => `${r.backendName} ${r.kernelName} [${r.label}]: ${r.message ?? `max relative error ${r.maxError.toExponential(2)}`}`,
    );
    throw new Error(`TF.js kernel self-test failed; refusing to grade:\n  ${lines.join("\n  ")}`);
  }
  return results;
}
