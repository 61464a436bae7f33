/**
 * Conv2D gradients. wasm ships no Conv2DBackpropFilter and a slow Conv2DBackpropInput; cpu's filter gradient is
 * ~50x slower than its forward convolution. Here: filter gradient = im2colᵀ(x) · dy on XNNPACK (wasm) or a direct
 * loop (cpu); input gradient = a stride-1 XNNPACK convolution of the zero-dilated dy with the rotated filter.
 */
import * as tf from "@tensorflow/tfjs";
import type { KernelFunc, NamedAttrMap, TensorInfo } from "@tensorflow/tfjs";
import { CONV_SHAPES, filterGradCase, inputGradCase, type PadAttr } from "./conv-cases";
import type { ProjectKernel } from "./registry";
import {
  asCpu, asWasm, cpuValues, disposeWasm, heapF32, matMul2dWasm, reshapeWasm, sizeOf, stockWasm, type WasmBackend,
} from "./wasm-util";

/** Most floats an im2col buffer may hold (64 MiB); larger batches are processed in chunks. */
const MAX_IM2COL = 16 * 1024 * 1024;

interface ConvAttrs {
  strides: number | [number, number];
  pad: PadAttr | number[][];
  dataFormat?: "NHWC" | "NCHW";
  dimRoundingMode?: "floor" | "round" | "ceil";
}

function convInfo(xShape: number[], filterShape: number[], attrs: ConvAttrs, depthwise = false) {
  if (attrs.dataFormat === "NCHW") throw new Error("project conv gradients support only dataFormat NHWC");
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape as [number, number, number, number],
    attrs.strides, 1, attrs.pad as PadAttr, attrs.dimRoundingMode, depthwise, "channelsLast",
  );
}

type ConvInfo = ReturnType<typeof convInfo>;

/**
 * Writes im2colᵀ for batches [b0, b1): row (fh, fw, ci), column (b, oh, ow), zero where the window is padding.
 * The in-range span of each output row is computed up front so the inner loops have no branch; x is read
 * contiguously across channels.
 */
function im2colT(x: Float32Array, out: Float32Array, c: ConvInfo, b0: number, b1: number): void {
  const { inHeight: H, inWidth: W, inChannels: Ci, outHeight: OH, outWidth: OW } = c;
  const { filterHeight: FH, filterWidth: FW, strideHeight: sh, strideWidth: sw } = c;
  const { top, left } = c.padInfo;
  const N = (b1 - b0) * OH * OW;
  const step = sw * Ci;
  for (let fh = 0; fh < FH; fh++) {
    for (let fw = 0; fw < FW; fw++) {
      const row0 = (fh * FW + fw) * Ci * N;
      // Output columns whose input column ow*sw + fw - left lies in [0, W).
      const lo = Math.min(OW, Math.max(0, Math.ceil((left - fw) / sw)));
      const hi = Math.max(lo, Math.min(OW, Math.floor((W - 1 - fw + left) / sw) + 1));
      let n = 0;
      for (let b = b0; b < b1; b++) {
        for (let oh = 0; oh < OH; oh++, n += OW) {
          const ih = oh * sh + fh - top;
          if (ih < 0 || ih >= H) {
            for (let ci = 0; ci < Ci; ci++) out.fill(0, row0 + ci * N + n, row0 + ci * N + n + OW);
            continue;
          }
          const base = ((b * H + ih) * W + lo * sw + fw - left) * Ci;
          for (let ci = 0; ci < Ci; ci++) {
            const r = row0 + ci * N + n;
            if (lo > 0) out.fill(0, r, r + lo);
            if (hi < OW) out.fill(0, r + hi, r + OW);
          }
          if (Ci === 1) {
            for (let i = row0 + n + lo, src = base, end = row0 + n + hi; i < end; i++, src += step) out[i] = x[src];
            continue;
          }
          for (let ow = lo, src = base, col = row0 + n + lo; ow < hi; ow++, src += step, col++) {
            for (let ci = 0, r = col; ci < Ci; ci++, r += N) out[r] = x[src + ci];
          }
        }
      }
    }
  }
}

/** dW = im2colᵀ(x) · dy on XNNPACK, for batches [b0, b1); returns a [K, Co] tensor. */
function filterGradPart(wb: WasmBackend, x: TensorInfo, dy: TensorInfo, c: ConvInfo, b0: number, b1: number): TensorInfo {
  const K = c.filterHeight * c.filterWidth * c.inChannels;
  const n = (b1 - b0) * c.outHeight * c.outWidth;
  const Co = c.outChannels;
  const cols = wb.makeOutput([K, n], "float32");
  let dyPart: TensorInfo;
  if (b0 === 0 && b1 === c.batchSize) {
    dyPart = reshapeWasm(wb, dy, [n, Co]);
  } else {
    dyPart = wb.makeOutput([n, Co], "float32");
    const from = b0 * c.outHeight * c.outWidth * Co;
    heapF32(wb, dyPart).set(heapF32(wb, dy).subarray(from, from + n * Co));
  }
  im2colT(heapF32(wb, x), heapF32(wb, cols), c, b0, b1);
  const dw = matMul2dWasm(wb, cols, dyPart);
  disposeWasm(wb, cols, dyPart);
  return dw;
}

const conv2dBackpropFilterWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const wb = asWasm(backend);
  const x = inputs.x as TensorInfo;
  const dy = inputs.dy as TensorInfo;
  const a = attrs as unknown as ConvAttrs & { filterShape: number[] };
  const c = convInfo(x.shape, a.filterShape, a);
  const K = c.filterHeight * c.filterWidth * c.inChannels;
  const perImage = c.outHeight * c.outWidth;
  const chunk = Math.max(1, Math.min(c.batchSize, Math.floor(MAX_IM2COL / (K * perImage))));
  if (chunk >= c.batchSize) {
    const dw = filterGradPart(wb, x, dy, c, 0, c.batchSize);
    return { dataId: dw.dataId, shape: [...a.filterShape], dtype: "float32" };
  }
  const sum = new Float32Array(K * c.outChannels);
  for (let b0 = 0; b0 < c.batchSize; b0 += chunk) {
    const part = filterGradPart(wb, x, dy, c, b0, Math.min(c.batchSize, b0 + chunk));
    const pv = heapF32(wb, part);
    for (let i = 0; i < sum.length; i++) sum[i] += pv[i];
    disposeWasm(wb, part);
  }
  return wb.makeOutput([...a.filterShape], "float32", undefined, sum);
};

const conv2dBackpropInputWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const wb = asWasm(backend);
  const dy = inputs.dy as TensorInfo;
  const filter = inputs.filter as TensorInfo;
  const a = attrs as unknown as ConvAttrs & { inputShape: number[] };
  const c = convInfo(a.inputShape, filter.shape, a);
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: Ci, outChannels: Co } = c;
  const { filterHeight: FH, filterWidth: FW, outHeight: OH, outWidth: OW } = c;
  const padTop = FH - 1 - c.padInfo.top;
  const padLeft = FW - 1 - c.padInfo.left;
  if (padTop < 0 || padLeft < 0) return stockWasm(wb, "Conv2DBackpropInput", inputs, attrs);
  const Hd = H + FH - 1;
  const Wd = W + FW - 1;
  const rotated = wb.makeOutput([FH, FW, Co, Ci], "float32");
  const dilated = wb.makeOutput([B, Hd, Wd, Co], "float32");
  const f = heapF32(wb, filter);
  const r = heapF32(wb, rotated);
  for (let fh = 0; fh < FH; fh++) {
    for (let fw = 0; fw < FW; fw++) {
      const src = ((FH - 1 - fh) * FW + (FW - 1 - fw)) * Ci * Co;
      const dst = (fh * FW + fw) * Co * Ci;
      for (let ci = 0; ci < Ci; ci++) for (let co = 0; co < Co; co++) r[dst + co * Ci + ci] = f[src + ci * Co + co];
    }
  }
  const d = heapF32(wb, dilated);
  const g = heapF32(wb, dy);
  d.fill(0);
  // With a numeric pad TF.js sizes both axes from the filter height and row stride, so dy may reach past the
  // padded input; such positions touch no input pixel and are skipped.
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < OH; oh++) {
      const r = padTop + oh * c.strideHeight;
      if (r >= Hd) break;
      const row = (b * Hd + r) * Wd;
      for (let ow = 0; ow < OW; ow++) {
        const col = padLeft + ow * c.strideWidth;
        if (col >= Wd) break;
        const dst = (row + col) * Co;
        const src = ((b * OH + oh) * OW + ow) * Co;
        d.set(g.subarray(src, src + Co), dst);
      }
    }
  }
  const out = stockWasm(wb, "Conv2D", { x: dilated, filter: rotated },
    { strides: [1, 1], pad: "valid", dataFormat: "NHWC", dilations: [1, 1] } as NamedAttrMap);
  disposeWasm(wb, rotated, dilated);
  return out;
};

/** cpu: the direct loop runs at the speed of cpu's forward convolution instead of ~50x slower. */
const conv2dBackpropFilterCpu: KernelFunc = ({ inputs, backend, attrs }) => {
  const cb = asCpu(backend);
  const x = inputs.x as TensorInfo;
  const dy = inputs.dy as TensorInfo;
  const a = attrs as unknown as ConvAttrs & { filterShape: number[] };
  const c = convInfo(x.shape, a.filterShape, a);
  const xv = cpuValues(cb, x);
  const g = cpuValues(cb, dy);
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: Ci, outChannels: Co } = c;
  const { filterHeight: FH, filterWidth: FW, outHeight: OH, outWidth: OW } = c;
  const dw = new Float32Array(sizeOf(a.filterShape));
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const gOff = ((b * OH + oh) * OW + ow) * Co;
        for (let fh = 0; fh < FH; fh++) {
          const ih = oh * c.strideHeight + fh - c.padInfo.top;
          if (ih < 0 || ih >= H) continue;
          for (let fw = 0; fw < FW; fw++) {
            const iw = ow * c.strideWidth + fw - c.padInfo.left;
            if (iw < 0 || iw >= W) continue;
            const xOff = ((b * H + ih) * W + iw) * Ci;
            const wOff = (fh * FW + fw) * Ci * Co;
            for (let ci = 0; ci < Ci; ci++) {
              const xval = xv[xOff + ci];
              if (xval === 0) continue;
              const row = wOff + ci * Co;
              for (let co = 0; co < Co; co++) dw[row + co] += xval * g[gOff + co];
            }
          }
        }
      }
    }
  }
  return cb.makeTensorInfo([...a.filterShape], "float32", dw);
};

const filterCases = CONV_SHAPES.map((c) => filterGradCase(c));
const inputCases = CONV_SHAPES.map((c) => inputGradCase(c));

export const conv2dKernels: ProjectKernel[] = [
  { kernelName: "Conv2DBackpropFilter", backendName: "wasm", kernelFunc: conv2dBackpropFilterWasm, cases: filterCases },
  { kernelName: "Conv2DBackpropInput", backendName: "wasm", kernelFunc: conv2dBackpropInputWasm, cases: inputCases },
];

export const conv2dCpuKernels: ProjectKernel[] = [
  { kernelName: "Conv2DBackpropFilter", backendName: "cpu", kernelFunc: conv2dBackpropFilterCpu, cases: filterCases },
];
