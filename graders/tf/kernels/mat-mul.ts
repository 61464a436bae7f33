/**
 * Matrix products on wasm. The shipped BatchMatMul reaches XNNPACK (~28 GFLOP/s here) only for one plain
 * product; with a transpose flag or a batch it falls back to a ~1 GFLOP/s loop, which every dense layer's backward
 * pass hits. Here operands are transposed explicitly first, a batch against a shared matrix becomes one tall
 * product, and other batches run slice by slice through XNNPACK.
 */
import * as tf from "@tensorflow/tfjs";
import type { KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from "@tensorflow/tfjs";
import type { KernelCase, ProjectKernel } from "./registry";
import {
  asWasm, disposeWasm, heapF32, matMul2dWasm, reshapeWasm, sizeOf, stockWasm, transposeWasm, type WasmBackend,
} from "./wasm-util";

function transposeLast2(wb: WasmBackend, x: TensorInfo): TensorInfo {
  const r = x.shape.length;
  const perm = [...Array(r).keys()];
  [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
  return transposeWasm(wb, x, perm);
}

/** Batched product, one XNNPACK call per slice; a and b are plain (no transposes), batch sizes equal or 1. */
function slicedMatMul(wb: WasmBackend, a: TensorInfo, b: TensorInfo, batch: number, outShape: number[]): TensorInfo {
  const [M, K] = a.shape.slice(-2);
  const N = b.shape[b.shape.length - 1];
  const batchA = sizeOf(a.shape.slice(0, -2));
  const batchB = sizeOf(b.shape.slice(0, -2));
  const out = wb.makeOutput(outShape, "float32");
  for (let i = 0; i < batch; i++) {
    const ai = wb.makeOutput([M, K], "float32");
    const bi = wb.makeOutput([K, N], "float32");
    const ia = batchA === 1 ? 0 : i;
    const ib = batchB === 1 ? 0 : i;
    heapF32(wb, ai).set(heapF32(wb, a).subarray(ia * M * K, (ia + 1) * M * K));
    heapF32(wb, bi).set(heapF32(wb, b).subarray(ib * K * N, (ib + 1) * K * N));
    const oi = matMul2dWasm(wb, ai, bi);
    heapF32(wb, out).set(heapF32(wb, oi), i * M * N);
    disposeWasm(wb, ai, bi, oi);
  }
  return out;
}

const batchMatMulWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const wb = asWasm(backend);
  const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
  let a = inputs.a as TensorInfo;
  let b = inputs.b as TensorInfo;
  if (a.dtype !== "float32" || b.dtype !== "float32") return stockWasm(wb, "BatchMatMul", inputs, attrs);
  const temps: TensorInfo[] = [];
  if (transposeA) temps.push((a = transposeLast2(wb, a)));
  if (transposeB) temps.push((b = transposeLast2(wb, b)));
  const [M, K] = a.shape.slice(-2);
  const [K2, N] = b.shape.slice(-2);
  if (K !== K2) {
    disposeWasm(wb, ...temps);
    return stockWasm(wb, "BatchMatMul", inputs, attrs); // reports the shape error the usual way
  }
  const outer = tf.backend_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const outShape = [...outer, M, N];
  const batchA = sizeOf(a.shape.slice(0, -2));
  const batchB = sizeOf(b.shape.slice(0, -2));
  const batch = sizeOf(outer);
  let out: TensorInfo;
  if (batchB === 1) {
    const a2 = reshapeWasm(wb, a, [batchA * M, K]);
    const b2 = reshapeWasm(wb, b, [K, N]);
    const o = matMul2dWasm(wb, a2, b2);
    disposeWasm(wb, a2, b2);
    out = { dataId: o.dataId, shape: outShape, dtype: "float32" };
  } else if ((batchA === batch || batchA === 1) && batchB === batch && batch * 3 <= M * N * K) {
    out = slicedMatMul(wb, a, b, batch, outShape);
  } else {
    out = stockWasm(wb, "BatchMatMul", { a, b }, { transposeA: false, transposeB: false });
  }
  disposeWasm(wb, ...temps);
  return out;
};

const ACTIVATION_KERNELS: Record<string, string> = {
  relu: "Relu", relu6: "Relu6", elu: "Elu", sigmoid: "Sigmoid", leakyrelu: "LeakyRelu", prelu: "Prelu",
};

/** matMul, then bias and activation as separate stock kernels (for batches the fused kernel gets wrong). */
function unfused(wb: WasmBackend, a: TensorInfo, b: TensorInfo, inputs: NamedTensorInfoMap, attrs: NamedAttrMap) {
  const { activation, leakyreluAlpha } = attrs as { activation?: string; leakyreluAlpha?: number };
  let out = batchMatMulWasm({ inputs: { a, b }, backend: wb, attrs: { transposeA: false, transposeB: false } });
  if (Array.isArray(out)) throw new Error("BatchMatMul returned several outputs");
  if (inputs.bias) {
    const biased = stockWasm(wb, "Add", { a: out, b: inputs.bias });
    disposeWasm(wb, out);
    out = biased;
  }
  if (activation && activation !== "linear") {
    const kernel = ACTIVATION_KERNELS[activation];
    if (!kernel) throw new Error(`_FusedMatMul: unsupported activation '${activation}'`);
    const activated = activation === "prelu"
      ? stockWasm(wb, kernel, { x: out, alpha: inputs.preluActivationWeights as TensorInfo })
      : stockWasm(wb, kernel, { x: out }, activation === "leakyrelu" ? { alpha: leakyreluAlpha ?? 0.2 } : {});
    disposeWasm(wb, out);
    out = activated;
  }
  return out;
}

/**
 * The stock fused kernel applies bias wrongly when the batch is > 1, and is slow with transpose flags. Operands are
 * transposed explicitly; a batch against a shared matrix is flattened into one product; other batches are unfused.
 */
const fusedMatMulWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const wb = asWasm(backend);
  const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
  const temps: TensorInfo[] = [];
  let a = inputs.a as TensorInfo;
  let b = inputs.b as TensorInfo;
  if (transposeA) temps.push((a = transposeLast2(wb, a)));
  if (transposeB) temps.push((b = transposeLast2(wb, b)));
  const plain = { ...attrs, transposeA: false, transposeB: false };
  const [M, K] = a.shape.slice(-2);
  const N = b.shape[b.shape.length - 1];
  const batchA = sizeOf(a.shape.slice(0, -2));
  const batchB = sizeOf(b.shape.slice(0, -2));
  const rowBroadcast = (t: TensorInfo | undefined) => !t || sizeOf(t.shape) === 1 || sizeOf(t.shape) === N;
  let out: TensorInfo;
  if (batchA === 1 && batchB === 1) {
    out = stockWasm(wb, "_FusedMatMul", { ...inputs, a, b }, plain);
  } else if (batchB === 1 && rowBroadcast(inputs.bias) && rowBroadcast(inputs.preluActivationWeights)) {
    const a3 = reshapeWasm(wb, a, [1, batchA * M, K]);
    const b3 = reshapeWasm(wb, b, [1, K, N]);
    const o = stockWasm(wb, "_FusedMatMul", { ...inputs, a: a3, b: b3 }, plain);
    disposeWasm(wb, a3, b3);
    out = { dataId: o.dataId, shape: [...a.shape.slice(0, -2), M, N], dtype: "float32" };
  } else {
    out = unfused(wb, a, b, inputs, attrs ?? {});
  }
  disposeWasm(wb, ...temps);
  return out;
};

function mmCase(label: string, aShape: number[], bShape: number[], tA: boolean, tB: boolean): KernelCase {
  return { label, inputs: { a: { shape: aShape }, b: { shape: bShape } }, attrs: { transposeA: tA, transposeB: tB } };
}

const matMulCases = [
  mmCase("plain", [5, 7], [7, 3], false, false),
  mmCase("transposeA (dense weight grad)", [9, 4], [9, 6], true, false),
  mmCase("transposeB (dense input grad)", [4, 6], [5, 6], false, true),
  mmCase("both transposed", [6, 4], [5, 6], true, true),
  mmCase("batch vs shared matrix", [2, 3, 4, 5], [5, 6], false, false),
  mmCase("batched attention scores", [3, 6, 4], [3, 6, 4], false, true),
  mmCase("batched attention values", [2, 2, 5, 5], [2, 2, 5, 3], false, false),
  mmCase("batched, transposeA", [3, 5, 4], [3, 5, 2], true, false),
  mmCase("broadcast a", [1, 4, 3], [3, 3, 5], false, false),
];

// The op reshapes both operands to rank 3 before dispatching, and the stock wasm kernel relies on it.
const fusedCases: KernelCase[] = [
  {
    label: "bias + relu, transposeB",
    inputs: { a: { shape: [1, 4, 6] }, b: { shape: [1, 3, 6] }, bias: { shape: [3] } },
    attrs: { transposeA: false, transposeB: true, activation: "relu" } as NamedAttrMap,
  },
  {
    label: "batch 2, transposeA, linear",
    inputs: { a: { shape: [2, 6, 4] }, b: { shape: [2, 6, 2] }, bias: { shape: [2] } },
    attrs: { transposeA: true, transposeB: false, activation: "linear" } as NamedAttrMap,
  },
  {
    label: "batch 3 vs shared matrix, elu",
    inputs: { a: { shape: [3, 4, 5] }, b: { shape: [1, 5, 2] }, bias: { shape: [2] } },
    attrs: { transposeA: false, transposeB: false, activation: "elu" } as NamedAttrMap,
  },
  {
    label: "batch 2, bias per row, sigmoid",
    inputs: { a: { shape: [2, 3, 4] }, b: { shape: [2, 4, 2] }, bias: { shape: [3, 2] } },
    attrs: { transposeA: false, transposeB: false, activation: "sigmoid" } as NamedAttrMap,
  },
];

export const matMulKernels: ProjectKernel[] = [
  { kernelName: "BatchMatMul", backendName: "wasm", kernelFunc: batchMatMulWasm, cases: matMulCases },
  { kernelName: "_FusedMatMul", backendName: "wasm", kernelFunc: fusedMatMulWasm, cases: fusedCases },
];
