/** Self-test cases shared by the convolution-gradient kernels: several shapes, strides 1 and 2, 'same'/'valid'. */
import * as tf from "@tensorflow/tfjs";
import type { KernelCase } from "./registry";

export type PadAttr = "same" | "valid" | number;

export interface ConvShapeCase {
  label: string;
  xShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  strides: [number, number];
  pad: PadAttr;
}

export const CONV_SHAPES: ConvShapeCase[] = [
  { label: "3x3 s1 valid", xShape: [2, 7, 7, 3], filterShape: [3, 3, 3, 4], strides: [1, 1], pad: "valid" },
  { label: "3x3 s1 same", xShape: [2, 6, 5, 2], filterShape: [3, 3, 2, 3], strides: [1, 1], pad: "same" },
  { label: "3x3 s2 same", xShape: [2, 7, 8, 3], filterShape: [3, 3, 3, 2], strides: [2, 2], pad: "same" },
  { label: "3x3 s2 valid", xShape: [1, 9, 8, 2], filterShape: [3, 3, 2, 5], strides: [2, 2], pad: "valid" },
  { label: "2x2 s2 same even", xShape: [3, 8, 8, 1], filterShape: [2, 2, 1, 4], strides: [2, 2], pad: "same" },
  { label: "5x3 s(1,2) pad1", xShape: [1, 9, 7, 2], filterShape: [5, 3, 2, 3], strides: [1, 2], pad: 1 },
  { label: "1x1 s1", xShape: [2, 4, 4, 6], filterShape: [1, 1, 6, 5], strides: [1, 1], pad: "valid" },
];

export function convOutShape(c: ConvShapeCase, depthwise = false): number[] {
  return tf.backend_util.computeConv2DInfo(c.xShape, c.filterShape, c.strides, 1, c.pad, undefined, depthwise).outShape;
}

/** Conv2DBackpropFilter-style case: inputs x, dy. */
export function filterGradCase(c: ConvShapeCase, depthwise = false): KernelCase {
  return {
    label: c.label,
    inputs: { x: { shape: c.xShape }, dy: { shape: convOutShape(c, depthwise) } },
    attrs: { strides: c.strides, pad: c.pad, dataFormat: "NHWC",
      filterShape: c.filterShape, dilations: [1, 1] },
  };
}

/** Conv2DBackpropInput-style case: inputs dy, filter. */
export function inputGradCase(c: ConvShapeCase, depthwise = false): KernelCase {
  return {
    label: c.label,
    inputs: { dy: { shape: convOutShape(c, depthwise) }, filter: { shape: c.filterShape } },
    attrs: { strides: c.strides, pad: c.pad, dataFormat: "NHWC",
      inputShape: c.xShape, dilations: [1, 1] },
  };
}
