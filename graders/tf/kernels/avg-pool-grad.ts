/**
 * AvgPoolGrad. The forward average pool (cpu and wasm) divides each window by the number of input pixels it
 * covers, but both shipped gradients divide by the full filter area, so with 'same' padding the border gradients
 * are too small. This one spreads dy / count over each window's pixels, matching the forward.
 */
import * as tf from "@tensorflow/tfjs";
import type { KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import type { KernelCase, ProjectKernel } from "./registry";
import { requireStockKernel } from "./registry";
import { asCpu, asWasm, cpuValues, heapF32, sizeOf } from "./wasm-util";

interface PoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: "same" | "valid" | number;
  dimRoundingMode?: "floor" | "round" | "ceil";
}

type Values = Float32Array | Int32Array | Uint8Array;

function poolInfo(xShape: number[], a: PoolAttrs) {
  return tf.backend_util.computePool2DInfo(
    xShape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode,
  );
}

function spread(xShape: number[], g: Values, a: PoolAttrs, out: Float32Array): void {
  const c = poolInfo(xShape, a);
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = c;
  out.fill(0);
  for (let b = 0; b < B; b++) {
    for (let oh = 0; oh < OH; oh++) {
      const r0 = oh * c.strideHeight - c.padInfo.top;
      const rLo = Math.max(0, r0);
      const rHi = Math.min(H, r0 + c.effectiveFilterHeight);
      for (let ow = 0; ow < OW; ow++) {
        const c0 = ow * c.strideWidth - c.padInfo.left;
        const cLo = Math.max(0, c0);
        const cHi = Math.min(W, c0 + c.effectiveFilterWidth);
        const count = (rHi - rLo) * (cHi - cLo);
        if (count <= 0) continue;
        const gOff = ((b * OH + oh) * OW + ow) * C;
        for (let r = rLo; r < rHi; r++) {
          for (let col = cLo; col < cHi; col++) {
            const xOff = ((b * H + r) * W + col) * C;
            for (let ch = 0; ch < C; ch++) out[xOff + ch] += g[gOff + ch] / count;
          }
        }
      }
    }
  }
}

const avgPoolGradWasm: KernelFunc = ({ inputs, backend, attrs }) => {
  const wb = asWasm(backend);
  const input = inputs.input as TensorInfo;
  const dx = wb.makeOutput([...input.shape], "float32");
  spread(input.shape, heapF32(wb, inputs.dy as TensorInfo), attrs as unknown as PoolAttrs, heapF32(wb, dx));
  return dx;
};

const avgPoolGradCpu: KernelFunc = ({ inputs, backend, attrs }) => {
  const cb = asCpu(backend);
  const input = inputs.input as TensorInfo;
  const out = new Float32Array(sizeOf(input.shape));
  spread(input.shape, cpuValues(cb, inputs.dy as TensorInfo), attrs as unknown as PoolAttrs, out);
  return cb.makeTensorInfo([...input.shape], "float32", out);
};

/**
 * Reference from the stock cpu *forward* AvgPool, which is linear: pooling the H·W·C one-hot basis images gives
 * the Jacobian of one image, and dx = Jᵀ·dy image by image.
 */
const referenceFromForward: KernelFunc = ({ inputs, backend, attrs }) => {
  const cb = asCpu(backend);
  const input = inputs.input as TensorInfo;
  const dy = inputs.dy as TensorInfo;
  const [B, H, W, C] = input.shape;
  const n = H * W * C;
  const basis = new Float32Array(n * n);
  for (let p = 0; p < n; p++) basis[p * n + p] = 1;
  const basisInfo = cb.makeTensorInfo([n, H, W, C], "float32", basis);
  const pooled = requireStockKernel("AvgPool", "cpu")({ inputs: { x: basisInfo }, backend, attrs }) as TensorInfo;
  const jac = cpuValues(cb, pooled);
  const g = cpuValues(cb, dy);
  const m = jac.length / n;
  const out = new Float32Array(B * n);
  for (let b = 0; b < B; b++) {
    for (let p = 0; p < n; p++) {
      let s = 0;
      for (let o = 0; o < m; o++) s += jac[p * m + o] * g[b * m + o];
      out[b * n + p] = s;
    }
  }
  cb.disposeIntermediateTensorInfo(basisInfo);
  cb.disposeIntermediateTensorInfo(pooled);
  return cb.makeTensorInfo([...input.shape], "float32", out);
};

function avgCase(label: string, xShape: [number, number, number, number], a: PoolAttrs): KernelCase {
  const c = poolInfo(xShape, a);
  return {
    label,
    inputs: { dy: { shape: c.outShape }, input: { shape: xShape } },
    attrs: { filterSize: a.filterSize, strides: a.strides, pad: a.pad },
  };
}

const cases = [
  avgCase("2x2 s2 valid", [2, 6, 6, 2], { filterSize: 2, strides: 2, pad: "valid" }),
  avgCase("3x3 s1 same", [2, 5, 4, 2], { filterSize: 3, strides: 1, pad: "same" }),
  avgCase("3x3 s2 same", [1, 7, 7, 3], { filterSize: 3, strides: 2, pad: "same" }),
  avgCase("2x3 s(1,2) same", [2, 4, 5, 1], { filterSize: [2, 3], strides: [1, 2], pad: "same" }),
];

export const avgPoolGradKernels: ProjectKernel[] = [
  { kernelName: "AvgPoolGrad", backendName: "wasm", kernelFunc: avgPoolGradWasm, cases, reference: referenceFromForward },
];
export const avgPoolGradCpuKernels: ProjectKernel[] = [
  { kernelName: "AvgPoolGrad", backendName: "cpu", kernelFunc: avgPoolGradCpu, cases, reference: referenceFromForward },
];
