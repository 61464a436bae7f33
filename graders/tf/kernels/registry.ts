/**
 * Bookkeeping for the project's TF.js kernels: which kernels the project registers, for which backend, the
 * stock kernel each one replaced (used as a fallback and as the self-test reference) and the self-test cases.
 */
import * as tf from "@tensorflow/tfjs";
import type { DataType, KernelConfig, KernelFunc, NamedAttrMap } from "@tensorflow/tfjs";

export type ProjectBackendName = "wasm" | "cpu";

/** A tensor for a self-test case: explicit values, or seeded uniform values in `range` (default [-1, 1]). */
export interface TensorSpec {
  shape: number[];
  dtype?: Extract<DataType, "float32" | "int32">;
  values?: ArrayLike<number>;
  range?: [number, number];
}

export interface KernelCase {
  label: string;
  inputs: Record<string, TensorSpec>;
  attrs: NamedAttrMap;
}

export interface ProjectKernel {
  kernelName: string;
  backendName: ProjectBackendName;
  kernelFunc: KernelFunc;
  /** Self-test cases; each is run through this kernel and through the reference on the `cpu` backend. */
  cases: KernelCase[];
  /** Reference on the `cpu` backend; defaults to the stock cpu kernel of the same name. */
  reference?: KernelFunc;
  /** Largest allowed |a-b| / (1 + |b|) against the reference. */
  tolerance?: number;
}

const stock = new Map<string, KernelConfig | null>();
const registered = new Map<string, ProjectKernel>();

const key = (kernelName: string, backendName: string) => `${backendName}/${kernelName}`;

/**
 * The kernel TF.js shipped for (kernelName, backendName), even after the project replaced it; undefined when
 * TF.js ships none.
 */
export function stockKernel(kernelName: string, backendName: string): KernelConfig | undefined {
  const k = key(kernelName, backendName);
  if (stock.has(k)) return stock.get(k) ?? undefined;
  return tf.getKernel(kernelName, backendName);
}

/** Like stockKernel, but throws when TF.js ships none. */
export function requireStockKernel(kernelName: string, backendName: string): KernelFunc {
  const config = stockKernel(kernelName, backendName);
  if (!config) throw new Error(`TF.js ships no '${kernelName}' kernel for the '${backendName}' backend`);
  return config.kernelFunc;
}

/** Registers (or re-registers) a project kernel, remembering the stock one it replaces. Idempotent. */
export function registerProjectKernel(kernel: ProjectKernel): void {
  const k = key(kernel.kernelName, kernel.backendName);
  if (!stock.has(k)) stock.set(k, tf.getKernel(kernel.kernelName, kernel.backendName) ?? null);
  const current = tf.getKernel(kernel.kernelName, kernel.backendName);
  if (current?.kernelFunc === kernel.kernelFunc) {
    registered.set(k, kernel);
    return;
  }
  if (current) tf.unregisterKernel(kernel.kernelName, kernel.backendName);
  // Keep the stock setupFunc: the engine runs it when the backend initialises, and the project kernel may call
  // the stock kernel, which needs it.
  const setupFunc = stock.get(k)?.setupFunc;
  const disposeFunc = stock.get(k)?.disposeFunc;
  tf.registerKernel({ kernelName: kernel.kernelName, backendName: kernel.backendName, kernelFunc: kernel.kernelFunc,
    ...(setupFunc ? { setupFunc } : {}), ...(disposeFunc ? { disposeFunc } : {}) });
  registered.set(k, kernel);
}

/** Puts the stock kernels back (used by tests and by the benchmark's stock measurements). */
export function unregisterProjectKernels(backendName: ProjectBackendName): void {
  for (const [k, kernel] of [...registered]) {
    if (kernel.backendName !== backendName) continue;
    if (tf.getKernel(kernel.kernelName, backendName)) tf.unregisterKernel(kernel.kernelName, backendName);
    const original = stock.get(k);
    if (original) tf.registerKernel(original);
    registered.delete(k);
  }
}

/** The project kernels currently registered for a backend. */
export function projectKernels(backendName: ProjectBackendName): ProjectKernel[] {
  return [...registered.values()].filter((k) => k.backendName === backendName);
}
