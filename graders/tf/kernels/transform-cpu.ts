/**
 * cpu Transform (tf.image.transform, used by augmentations). The shipped kernel returns from inside its batch
 * loop, so only image 0 is transformed and the rest keep the fill value. This runs the stock kernel image by image.
 */
import type { KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import type { KernelCase, ProjectKernel } from "./registry";
import { requireStockKernel } from "./registry";
import { asCpu, cpuValues, sizeOf } from "./wasm-util";

const transformCpu: KernelFunc = ({ inputs, backend, attrs }) => {
  const cb = asCpu(backend);
  const image = inputs.image as TensorInfo;
  const transforms = inputs.transforms as TensorInfo;
  const stock = requireStockKernel("Transform", "cpu");
  const [batch, ...rest] = image.shape;
  const pixels = cpuValues(cb, image);
  const params = cpuValues(cb, transforms);
  const perImage = sizeOf(rest);
  const parts: Array<Float32Array | Int32Array | Uint8Array> = [];
  let outShape: number[] = [];
  for (let b = 0; b < batch; b++) {
    const one = cb.makeTensorInfo([1, ...rest], image.dtype, pixels.slice(b * perImage, (b + 1) * perImage));
    const row = transforms.shape[0] === 1 ? 0 : b;
    const t = cb.makeTensorInfo([1, 8], transforms.dtype, params.slice(row * 8, row * 8 + 8));
    const out = stock({ inputs: { image: one, transforms: t }, backend, attrs }) as TensorInfo;
    parts.push(cpuValues(cb, out).slice());
    outShape = out.shape.slice(1);
    for (const info of [one, t, out]) cb.disposeIntermediateTensorInfo(info);
  }
  const values = image.dtype === "int32" ? new Int32Array(batch * sizeOf(outShape)) : new Float32Array(batch * sizeOf(outShape));
  parts.forEach((p, b) => values.set(p, b * p.length));
  return cb.makeTensorInfo([batch, ...outShape], image.dtype, values);
};

const shift = (dx: number, dy: number) => [1, 0, dx, 0, 1, dy, 0, 0];

// The stock kernel is right for a single image, so it is the reference for batch-1 cases; batches are compared
// with the wasm kernel in tests/tf/kernels.test.ts.
const cases: KernelCase[] = [
  {
    label: "one image, bilinear, constant fill",
    inputs: { image: { shape: [1, 5, 6, 2] }, transforms: { shape: [1, 8], values: [0.9, 0.1, 0, -0.1, 0.9, 0.3, 0, 0] } },
    attrs: { interpolation: "bilinear", fillMode: "constant", fillValue: 0 },
  },
  {
    label: "one image, nearest, reflect",
    inputs: { image: { shape: [1, 4, 4, 1] }, transforms: { shape: [1, 8], values: shift(2, -1) } },
    attrs: { interpolation: "nearest", fillMode: "reflect", fillValue: 0 },
  },
];

export const transformCpuKernels: ProjectKernel[] = [
  { kernelName: "Transform", backendName: "cpu", kernelFunc: transformCpu, cases },
];
