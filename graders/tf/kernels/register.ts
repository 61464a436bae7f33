/** Registers the project's training kernels: the full set for wasm, and the fixes for the cpu fallback. */
import { avgPoolGradCpuKernels, avgPoolGradKernels } from "./avg-pool-grad";
import { conv2dCpuKernels, conv2dKernels } from "./conv2d-backprop";
import { depthwiseKernels } from "./depthwise-backprop";
import { matMulKernels } from "./mat-mul";
import { maxPoolGradKernels } from "./max-pool-grad";
import { registerProjectKernel, type ProjectKernel } from "./registry";
import { resizeGradCpuKernels, resizeGradWasmKernels } from "./resize-grad";
import { segmentSumCpuKernels, segmentSumKernels } from "./segment-sum";
import { transformCpuKernels } from "./transform-cpu";

export const WASM_TRAINING_KERNELS: readonly ProjectKernel[] = [
  ...conv2dKernels,
  ...maxPoolGradKernels,
  ...avgPoolGradKernels,
  ...depthwiseKernels,
  ...segmentSumKernels,
  ...matMulKernels,
  ...resizeGradWasmKernels,
];

export const CPU_FIXES: readonly ProjectKernel[] = [
  ...conv2dCpuKernels,
  ...avgPoolGradCpuKernels,
  ...segmentSumCpuKernels,
  ...resizeGradCpuKernels,
  ...transformCpuKernels,
];

/** Registers the wasm training kernels (idempotent). Safe before or after the wasm backend initialises. */
export function registerWasmTrainingKernels(): void {
  for (const kernel of WASM_TRAINING_KERNELS) registerProjectKernel(kernel);
}

/**
 * Registers the cpu fixes (idempotent). Opt-in: a process that never calls this keeps TF.js's stock cpu
 * backend, which is what the benchmark's baseline measures.
 */
export function registerCpuFixes(): void {
  for (const kernel of CPU_FIXES) registerProjectKernel(kernel);
}
