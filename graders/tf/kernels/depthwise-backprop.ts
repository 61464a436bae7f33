/** wasm ships no depthwise-convolution gradients; these are direct loops on the wasm heap. */
import * as tf from "@tensorflow/tfjs";
import type { KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import type { ConvShapeCase, PadAttr } from "./conv-cases";
import { filterGradCase, inputGradCase } from "./conv-cases";
import type { ProjectKernel } from "./registry";
import { asWasm, heapF32 } from "./wasm-util";

interface DepthwiseAttrs {
  strides: number | [number, number];
  dilations?: number | [number, number];
  pad: PadAttr;
  dimRoundingMode?: "floor" | "round" | "ceil";
}

function info(xShape: number[], filterShape: number[], a: DepthwiseAttrs) {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape as [number, number, number, number],
    a.strides, a.dilations ?? 1, a.pad, a.dimRoundingMode, true,
  );
}

type Info = ReturnType<typeof info>;

/** Calls visit(xOffset, dyOffset, filterOffset) for every (input pixel, output pixel, tap) the convolution uses. */
function forEachTap(c: Info, visit: (xOff: number, yOff: number, fOff: number) => void): void {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: Ci, outChannels: Co, outHeight: OH, outWidth: OW } = c;
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let fh = 0; fh < c.filterHeight; fh++) {
        const ih = oh * c.strideHeight + fh * c.dilationHeight - c.padInfo.top;
        if (ih < 0 || ih >= H) continue;
        for (let ow = 0; ow < OW; ow++) {
          for (let fw = 0; fw < c.filterWidth; fw++) {
            const iw = ow * c.strideWidth + fw * c.dilationWidth - c.padInfo.left;
            if (iw < 0 || iw >= W) continue;
            visit(((b * H + ih) * W + iw) * Ci, ((b * OH + oh) * OW + ow) * Co, (fh * c.filterWidth + fw) * Co);
          }
        }
      }
    }
  }
}

const depthwiseFilterWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const wb = asWasm(backend);
  const x = inputs.x as TensorInfo;
  const dy = inputs.dy as TensorInfo;
  const a = attrs as unknown as DepthwiseAttrs & { filterShape: number[] };
  const c = info(x.shape, a.filterShape, a);
  const out = wb.makeOutput([...a.filterShape], "float32");
  const dw = heapF32(wb, out);
  const xv = heapF32(wb, x);
  const g = heapF32(wb, dy);
  dw.fill(0);
  const Ci = c.inChannels;
  const m = c.outChannels / Ci;
  forEachTap(c, (xOff, yOff, fOff) => {
    for (let ci = 0; ci < Ci; ci++) {
      const xval = xv[xOff + ci];
      for (let q = 0; q < m; q++) dw[fOff + ci * m + q] += xval * g[yOff + ci * m + q];
    }
  });
  return out;
};

const depthwiseInputWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const wb = asWasm(backend);
  const dy = inputs.dy as TensorInfo;
  const filter = inputs.filter as TensorInfo;
  const a = attrs as unknown as DepthwiseAttrs & { inputShape: number[] };
  const c = info(a.inputShape, filter.shape, a);
  const out = wb.makeOutput([...a.inputShape], "float32");
  const dx = heapF32(wb, out);
  const f = heapF32(wb, filter);
  const g = heapF32(wb, dy);
  dx.fill(0);
  const Ci = c.inChannels;
  const m = c.outChannels / Ci;
  forEachTap(c, (xOff, yOff, fOff) => {
    for (let ci = 0; ci < Ci; ci++) {
      let s = 0;
      for (let q = 0; q < m; q++) s += f[fOff + ci * m + q] * g[yOff + ci * m + q];
      dx[xOff + ci] += s;
    }
  });
  return out;
};

const DEPTHWISE_SHAPES: ConvShapeCase[] = [
  { label: "3x3 s1 same m1", xShape: [2, 6, 6, 3], filterShape: [3, 3, 3, 1], strides: [1, 1], pad: "same" },
  { label: "3x3 s2 same m2", xShape: [2, 7, 6, 2], filterShape: [3, 3, 2, 2], strides: [2, 2], pad: "same" },
  { label: "3x3 s1 valid m1", xShape: [1, 6, 7, 4], filterShape: [3, 3, 4, 1], strides: [1, 1], pad: "valid" },
  { label: "2x2 s2 valid m3", xShape: [2, 8, 8, 2], filterShape: [2, 2, 2, 3], strides: [2, 2], pad: "valid" },
];

export const depthwiseKernels: ProjectKernel[] = [
  {
    kernelName: "DepthwiseConv2dNativeBackpropFilter",
    backendName: "wasm",
    kernelFunc: depthwiseFilterWasm,
    cases: DEPTHWISE_SHAPES.map((c) => filterGradCase(c, true)),
  },
  {
    kernelName: "DepthwiseConv2dNativeBackpropInput",
    backendName: "wasm",
    kernelFunc: depthwiseInputWasm,
    cases: DEPTHWISE_SHAPES.map((c) => inputGradCase(c, true)),
  },
];
