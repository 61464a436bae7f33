/**
 * UnsortedSegmentSum, the gradient of gather (embeddings). wasm ships none; cpu's costs O(segments·N·D) because
 * it builds one mask per segment. This is the O(N·D) scatter-add; ids outside [0, numSegments) are dropped, as in
 * TensorFlow.
 */
import type { KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import type { ProjectKernel } from "./registry";
import { asCpu, asWasm, cpuValues, heapInt, sizeOf } from "./wasm-util";

type Values = Float32Array | Int32Array | Uint8Array;

function scatterAdd(x: Values, ids: ArrayLike<number>, numSegments: number, out: Float32Array | Int32Array): void {
  out.fill(0);
  const inner = ids.length === 0 ? 0 : x.length / ids.length;
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const src = i * inner;
    const dst = s * inner;
    for (let j = 0; j < inner; j++) out[dst + j] += x[src + j];
  }
}

function outShape(x: TensorInfo, segmentIds: TensorInfo, numSegments: number): number[] {
  for (let i = 0; i < segmentIds.shape.length; i++) {
    if (segmentIds.shape[i] !== x.shape[i]) {
      throw new Error(`UnsortedSegmentSum: segmentIds shape ${segmentIds.shape} is not a prefix of x shape ${x.shape}`);
    }
  }
  return [numSegments, ...x.shape.slice(segmentIds.shape.length)];
}

const segmentSumWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const wb = asWasm(backend);
  const x = inputs.x as TensorInfo;
  const segmentIds = inputs.segmentIds as TensorInfo;
  const numSegments = (attrs as { numSegments: number }).numSegments;
  const dtype = x.dtype === "int32" ? "int32" : "float32";
  const out = wb.makeOutput(outShape(x, segmentIds, numSegments), dtype);
  const ids = heapInt(wb, segmentIds);
  scatterAdd(wb.typedArrayFromHeap(x), ids, numSegments, wb.typedArrayFromHeap(out) as Float32Array | Int32Array);
  return out;
};

const segmentSumCpu: KernelFunc = ({ inputs, backend, attrs }) => {
  const cb = asCpu(backend);
  const x = inputs.x as TensorInfo;
  const segmentIds = inputs.segmentIds as TensorInfo;
  const numSegments = (attrs as { numSegments: number }).numSegments;
  const shape = outShape(x, segmentIds, numSegments);
  const out = x.dtype === "int32" ? new Int32Array(sizeOf(shape)) : new Float32Array(sizeOf(shape));
  scatterAdd(cpuValues(cb, x), cpuValues(cb, segmentIds), numSegments, out);
  return cb.makeTensorInfo(shape, x.dtype === "int32" ? "int32" : "float32", out);
};

const cases: ProjectKernel["cases"] = [
  {
    label: "embedding rows, repeated ids",
    inputs: { x: { shape: [6, 4] }, segmentIds: { shape: [6], dtype: "int32", values: [3, 0, 3, 4, 1, 3] } },
    attrs: { numSegments: 5 },
  },
  {
    label: "out-of-range ids dropped",
    inputs: { x: { shape: [6, 2, 2] }, segmentIds: { shape: [6], dtype: "int32", values: [0, 2, -1, 2, 7, 0] } },
    attrs: { numSegments: 3 },
  },
  {
    label: "int32 values",
    inputs: {
      x: { shape: [4, 3], dtype: "int32", range: [-5, 5] },
      segmentIds: { shape: [4], dtype: "int32", values: [1, 1, 0, 1] },
    },
    attrs: { numSegments: 2 },
  },
];

export const segmentSumKernels: ProjectKernel[] = [
  { kernelName: "UnsortedSegmentSum", backendName: "wasm", kernelFunc: segmentSumWasm, cases },
];
export const segmentSumCpuKernels: ProjectKernel[] = [
  { kernelName: "UnsortedSegmentSum", backendName: "cpu", kernelFunc: segmentSumCpu, cases },
];
