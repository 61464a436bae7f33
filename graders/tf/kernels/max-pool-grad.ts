/**
 * wasm MaxPoolGrad. The shipped one starts its max search at the smallest positive float instead of -Infinity,
 * so it drops the gradient of every window whose maximum is <= 0. This routes dy to the first maximum of each
 * window in row-major order, exactly like the cpu backend.
 */
import * as tf from "@tensorflow/tfjs";
import type { KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import type { KernelCase, ProjectKernel } from "./registry";
import { asWasm, heapF32 } from "./wasm-util";

interface PoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: "same" | "valid" | number;
  dimRoundingMode?: "floor" | "round" | "ceil";
}

/**
 * The common case (2×2 windows, stride 2, no padding or dilation) with the same rule as the general loop below:
 * the first of the window's four pixels in row-major order that equals the forward output takes the gradient,
 * else the first strict running maximum. `out` is zeroed by the caller.
 */
function pool2x2Grad(out: Float32Array, x: Float32Array, y: Float32Array, g: Float32Array, B: number, H: number, W: number, C: number, OH: number, OW: number): void {
  const rowStride = W * C;
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < OH; oh++) {
      const top = (b * H + 2 * oh) * rowStride;
      let o = (b * OH + oh) * OW * C;
      for (let ow = 0; ow < OW; ow++) {
        const p00 = top + 2 * ow * C;
        const p01 = p00 + C;
        const p10 = p00 + rowStride;
        const p11 = p10 + C;
        for (let ch = 0; ch < C; ch++, o++) {
          const m = y[o];
          let i: number;
          if (x[p00 + ch] === m) i = p00 + ch;
          else if (x[p01 + ch] === m) i = p01 + ch;
          else if (x[p10 + ch] === m) i = p10 + ch;
          else if (x[p11 + ch] === m) i = p11 + ch;
          else i = firstMax(x, p00 + ch, p01 + ch, p10 + ch, p11 + ch);
          if (i >= 0) out[i] += g[o];
        }
      }
    }
  }
}

/** The first strict running maximum of four positions (-1 when all are NaN). */
function firstMax(x: Float32Array, a: number, b: number, c: number, d: number): number {
  let i = -1;
  let best = Number.NEGATIVE_INFINITY;
  for (const j of [a, b, c, d]) {
    if (x[j] > best) {
      best = x[j];
      i = j;
    }
  }
  return i;
}

const maxPoolGradWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const wb = asWasm(backend);
  const dy = inputs.dy as TensorInfo;
  const input = inputs.input as TensorInfo;
  const a = attrs as unknown as PoolAttrs;
  const c = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode,
  );
  const dx = wb.makeOutput([...input.shape], "float32");
  const out = heapF32(wb, dx);
  const x = heapF32(wb, input);
  const y = heapF32(wb, inputs.output as TensorInfo);
  const g = heapF32(wb, dy);
  out.fill(0);
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = c;
  const { effectiveFilterHeight: FH, effectiveFilterWidth: FW, dilationHeight: dh, dilationWidth: dw } = c;
  const { top, left } = c.padInfo;
  if (FH === 2 && FW === 2 && c.strideHeight === 2 && c.strideWidth === 2 && dh === 1 && dw === 1 && top === 0 && left === 0) {
    pool2x2Grad(out, x, y, g, B, H, W, C, OH, OW);
    return dx;
  }
  // The forward output holds each window's maximum, so the first pixel equal to it (row-major, the cpu backend's
  // tie rule) is the argmax; looking for equality mispredicts far less often than tracking a running maximum.
  // A window where no pixel equals the given output falls back to the running-maximum scan.
  const at = new Int32Array(C);
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < OH; oh++) {
      const r0 = oh * c.strideHeight - top;
      let rMin = r0;
      while (rMin < 0) rMin += dh;
      const rMax = Math.min(H, r0 + FH);
      for (let ow = 0; ow < OW; ow++) {
        const c0 = ow * c.strideWidth - left;
        let cMin = c0;
        while (cMin < 0) cMin += dw;
        const cMax = Math.min(W, c0 + FW);
        const o = ((b * OH + oh) * OW + ow) * C;
        for (let ch = 0; ch < C; ch++) at[ch] = -1;
        for (let r = rMin; r < rMax; r += dh) {
          for (let col = cMin; col < cMax; col += dw) {
            const base = ((b * H + r) * W + col) * C;
            for (let ch = 0; ch < C; ch++) if (at[ch] < 0 && x[base + ch] === y[o + ch]) at[ch] = base + ch;
          }
        }
        for (let ch = 0; ch < C; ch++) {
          let i = at[ch];
          if (i < 0) {
            let best = Number.NEGATIVE_INFINITY;
            for (let r = rMin; r < rMax; r += dh) {
              for (let col = cMin; col < cMax; col += dw) {
                const j = ((b * H + r) * W + col) * C + ch;
                if (x[j] > best) {
                  best = x[j];
                  i = j;
                }
              }
            }
          }
          if (i >= 0) out[i] += g[o + ch];
        }
      }
    }
  }
  return dx;
};

/** Max pooling in plain JS (first maximum wins), to give some cases the true forward output. */
function maxPoolValues(x: number[], shape: [number, number, number, number], a: PoolAttrs): number[] {
  const c = tf.backend_util.computePool2DInfo(shape, a.filterSize, a.strides, 1, a.pad);
  const [B, H, W, C] = shape;
  const out: number[] = [];
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < c.outHeight; oh++) {
      for (let ow = 0; ow < c.outWidth; ow++) {
        for (let ch = 0; ch < C; ch++) {
          let best = Number.NEGATIVE_INFINITY;
          for (let r = Math.max(0, oh * c.strideHeight - c.padInfo.top); r < Math.min(H, oh * c.strideHeight - c.padInfo.top + c.filterHeight); r++) {
            for (let q = Math.max(0, ow * c.strideWidth - c.padInfo.left); q < Math.min(W, ow * c.strideWidth - c.padInfo.left + c.filterWidth); q++) {
              best = Math.max(best, x[((b * H + r) * W + q) * C + ch]);
            }
          }
          out.push(best);
        }
      }
    }
  }
  return out;
}

/**
 * Input values include negatives and exact ties so both failure modes of the shipped kernel show. With
 * `trueOutput` the `output` input is the real forward result (the fast path); otherwise it is noise (the fallback).
 */
function poolCase(label: string, xShape: [number, number, number, number], a: PoolAttrs, trueOutput: boolean): KernelCase {
  const c = tf.backend_util.computePool2DInfo(xShape, a.filterSize, a.strides, 1, a.pad);
  const values = Array.from({ length: xShape.reduce((p, d) => p * d, 1) }, (_, i) => ((i * 7919) % 13) - 9);
  const output = trueOutput ? { shape: c.outShape, values: maxPoolValues(values, xShape, a) } : { shape: c.outShape };
  return {
    label: `${label}${trueOutput ? "" : ", output not given"}`,
    inputs: { dy: { shape: c.outShape }, input: { shape: xShape, values }, output },
    attrs: { filterSize: a.filterSize, strides: a.strides, pad: a.pad },
  };
}

export const maxPoolGradKernels: ProjectKernel[] = [
  {
    kernelName: "MaxPoolGrad",
    backendName: "wasm",
    kernelFunc: maxPoolGradWasm,
    cases: [
      poolCase("2x2 s2 valid", [2, 6, 6, 3], { filterSize: 2, strides: 2, pad: "valid" }, true),
      poolCase("3x3 s2 same", [1, 7, 5, 2], { filterSize: 3, strides: 2, pad: "same" }, true),
      poolCase("3x3 s1 same", [2, 5, 5, 2], { filterSize: 3, strides: 1, pad: "same" }, true),
      poolCase("2x3 s(1,2) valid", [1, 6, 7, 4], { filterSize: [2, 3], strides: [1, 2], pad: "valid" }, true),
      poolCase("2x2 s2 valid, odd size", [2, 7, 5, 3], { filterSize: 2, strides: 2, pad: "valid" }, true),
      poolCase("2x2 s2 valid", [2, 6, 6, 3], { filterSize: 2, strides: 2, pad: "valid" }, false),
      poolCase("3x3 s2 same", [1, 7, 5, 2], { filterSize: 3, strides: 2, pad: "same" }, false),
    ],
  },
];
