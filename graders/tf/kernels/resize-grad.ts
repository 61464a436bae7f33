/**
 * ResizeNearestNeighborGrad. cpu's reads dy with the image's batch stride (wrong for batch > 1) and ignores
 * halfPixelCenters. This one scatters dy back through the forward kernel's own source-pixel mapping.
 */
import type { KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import type { KernelCase, ProjectKernel } from "./registry";
import { requireStockKernel } from "./registry";
import { asCpu, asWasm, cpuValues, heapF32, sizeOf } from "./wasm-util";

interface ResizeAttrs {
  alignCorners: boolean;
  halfPixelCenters: boolean;
}

/** The source index the cpu forward kernel reads for output coordinate `o` (one axis). */
function sourceIndex(o: number, inSize: number, outSize: number, a: ResizeAttrs): number {
  const effIn = a.alignCorners && outSize > 1 ? inSize - 1 : inSize;
  const effOut = a.alignCorners && outSize > 1 ? outSize - 1 : outSize;
  const frac = (effIn / effOut) * (a.halfPixelCenters ? o + 0.5 : o);
  const s = Math.min(inSize - 1, a.alignCorners ? Math.round(frac) : Math.floor(frac));
  return a.halfPixelCenters ? Math.max(0, s) : s;
}

function scatter(imagesShape: number[], dyShape: number[], g: Float32Array | Int32Array | Uint8Array,
  a: ResizeAttrs, out: Float32Array): void {
  const [B, H, W, C] = imagesShape;
  const [, OH, OW] = dyShape;
  const rows = Array.from({ length: OH }, (_, r) => sourceIndex(r, H, OH, a));
  const cols = Array.from({ length: OW }, (_, c) => sourceIndex(c, W, OW, a));
  out.fill(0);
  let src = 0;
  for (let b = 0; b < B; b++) {
    for (let r = 0; r < OH; r++) {
      for (let c = 0; c < OW; c++) {
        const dst = ((b * H + rows[r]) * W + cols[c]) * C;
        for (let d = 0; d < C; d++) out[dst + d] += g[src++];
      }
    }
  }
}

const resizeGradCpu: KernelFunc = ({ inputs, backend, attrs }) => {
  const cb = asCpu(backend);
  const images = inputs.images as TensorInfo;
  const dy = inputs.dy as TensorInfo;
  const out = new Float32Array(sizeOf(images.shape));
  scatter(images.shape, dy.shape, cpuValues(cb, dy), attrs as unknown as ResizeAttrs, out);
  return cb.makeTensorInfo([...images.shape], "float32", out);
};

const resizeGradWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const wb = asWasm(backend);
  const images = inputs.images as TensorInfo;
  const dy = inputs.dy as TensorInfo;
  const out = wb.makeOutput([...images.shape], "float32");
  scatter(images.shape, dy.shape, heapF32(wb, dy), attrs as unknown as ResizeAttrs, heapF32(wb, out));
  return out;
};

/**
 * Reference on cpu built from the stock *forward* kernel: resizing an image whose pixels hold their own flat
 * index tells, for every output pixel, which input pixel it came from; dy is then summed there.
 */
const referenceFromForward: KernelFunc = ({ inputs, backend, attrs }) => {
  const cb = asCpu(backend);
  const images = inputs.images as TensorInfo;
  const dy = inputs.dy as TensorInfo;
  const n = sizeOf(images.shape);
  const index = cb.makeTensorInfo([...images.shape], "float32", Float32Array.from({ length: n }, (_, i) => i));
  const resized = requireStockKernel("ResizeNearestNeighbor", "cpu")({
    inputs: { images: index }, backend, attrs: { ...attrs, size: [dy.shape[1], dy.shape[2]] },
  }) as TensorInfo;
  const from = cpuValues(cb, resized);
  const g = cpuValues(cb, dy);
  const out = new Float32Array(n);
  for (let i = 0; i < g.length; i++) out[from[i]] += g[i];
  cb.disposeIntermediateTensorInfo(index);
  cb.disposeIntermediateTensorInfo(resized);
  return cb.makeTensorInfo([...images.shape], "float32", out);
};

function resizeCase(label: string, imagesShape: number[], size: [number, number], a: ResizeAttrs): KernelCase {
  return {
    label,
    inputs: { images: { shape: imagesShape }, dy: { shape: [imagesShape[0], size[0], size[1], imagesShape[3]] } },
    attrs: { alignCorners: a.alignCorners, halfPixelCenters: a.halfPixelCenters, size },
  };
}

const cases = [
  resizeCase("2x upsample, batch 3", [3, 4, 5, 2], [8, 10], { alignCorners: false, halfPixelCenters: false }),
  resizeCase("odd sizes, align corners", [2, 5, 3, 1], [7, 8], { alignCorners: true, halfPixelCenters: false }),
  resizeCase("half-pixel centres", [2, 3, 4, 3], [6, 6], { alignCorners: false, halfPixelCenters: true }),
  resizeCase("downsample", [2, 6, 6, 1], [3, 4], { alignCorners: false, halfPixelCenters: false }),
];

export const resizeGradCpuKernels: ProjectKernel[] = [
  { kernelName: "ResizeNearestNeighborGrad", backendName: "cpu", kernelFunc: resizeGradCpu, cases,
    reference: referenceFromForward },
];
export const resizeGradWasmKernels: ProjectKernel[] = [
  { kernelName: "ResizeNearestNeighborGrad", backendName: "wasm", kernelFunc: resizeGradWasm, cases,
    reference: referenceFromForward },
];
