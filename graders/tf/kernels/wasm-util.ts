/**
 * Typed access to the internals of tfjs-backend-wasm 4.22.0 and tfjs-backend-cpu 4.22.0 that the project kernels
 * use. These are not public API: the self-test pins the versions and checks every kernel at start-up.
 */
import type { DataId, DataType, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from "@tensorflow/tfjs";
import { requireStockKernel } from "./registry";

export type Float = Float32Array;
type HeapArray = Float32Array | Int32Array | Uint8Array;

export interface WasmBackend {
  dataIdMap: { get(dataId: DataId): { id: number; memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: DataType, memoryOffset?: number, values?: HeapArray): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): HeapArray;
  disposeData(dataId: DataId, force?: boolean): boolean;
  incRef(dataId: DataId): void;
  readSync(dataId: DataId): HeapArray;
}

export interface CpuBackend {
  data: { get(dataId: DataId): { values: HeapArray | Uint8Array[] } | undefined };
  makeTensorInfo(shape: number[], dtype: DataType, values?: HeapArray): TensorInfo;
  disposeIntermediateTensorInfo(info: TensorInfo): void;
}

export function asWasm(backend: unknown): WasmBackend {
  const b = backend as Partial<WasmBackend> | null;
  if (!b || typeof b.makeOutput !== "function" || typeof b.typedArrayFromHeap !== "function") {
    throw new Error("project wasm kernel called with a backend that is not tfjs-backend-wasm 4.22");
  }
  return b as WasmBackend;
}

export function asCpu(backend: unknown): CpuBackend {
  const b = backend as Partial<CpuBackend> | null;
  if (!b || typeof b.makeTensorInfo !== "function" || !b.data) {
    throw new Error("project cpu kernel called with a backend that is not tfjs-backend-cpu 4.22");
  }
  return b as CpuBackend;
}

/**
 * A float32 view of a wasm tensor. Views detach when the wasm heap grows, so take them after the kernel's last
 * allocation (makeOutput or a stock kernel call).
 */
export function heapF32(backend: WasmBackend, info: TensorInfo): Float32Array {
  const view = backend.typedArrayFromHeap(info);
  if (!(view instanceof Float32Array)) throw new Error(`expected a float32 tensor, got ${info.dtype}`);
  return view;
}

/** An int32 view of an int32 wasm tensor, or a converted copy for float32 ids. */
export function heapInt(backend: WasmBackend, info: TensorInfo): Int32Array {
  const view = backend.typedArrayFromHeap(info);
  return view instanceof Int32Array ? view : Int32Array.from(view);
}

export function cpuValues(backend: CpuBackend, info: TensorInfo): Float32Array | Int32Array | Uint8Array {
  const values = backend.data.get(info.dataId)?.values;
  if (!values || Array.isArray(values)) throw new Error(`cpu tensor of dtype ${info.dtype} has no numeric values`);
  return values as Float32Array | Int32Array | Uint8Array;
}

export function disposeWasm(backend: WasmBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Runs the stock wasm kernel `kernelName` (never a project replacement). */
export function stockWasm(
  backend: WasmBackend,
  kernelName: string,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const out = requireStockKernel(kernelName, "wasm")({ inputs, backend, attrs });
  if (Array.isArray(out)) throw new Error(`stock wasm ${kernelName} returned several outputs`);
  return out;
}

export function transposeWasm(backend: WasmBackend, x: TensorInfo, perm: number[]): TensorInfo {
  return stockWasm(backend, "Transpose", { x }, { perm });
}

/** A reshaped alias of x sharing its memory (the caller disposes it like any output). */
export function reshapeWasm(backend: WasmBackend, x: TensorInfo, shape: number[]): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape, dtype: x.dtype };
}

/** Plain [m,k]·[k,n] on XNNPACK: the stock BatchMatMul is fast only with batch 1 and no transposes. */
export function matMul2dWasm(backend: WasmBackend, a: TensorInfo, b: TensorInfo): TensorInfo {
  return stockWasm(backend, "BatchMatMul", { a, b }, { transposeA: false, transposeB: false });
}

/** Size of a shape. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
