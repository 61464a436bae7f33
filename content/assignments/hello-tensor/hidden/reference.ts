/** Hidden: the trusted reference for hello-tensor, a broadcasting elementwise sum on plain arrays. */
import { HostTensor } from "@unlabeled/sdk";

export const CANARY = "unlabeled-hidden-hello-tensor-reference";

/** NumPy broadcasting of two shapes; null when they are incompatible. */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] | null {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) return null;
    out.push(Math.max(da, db));
  }
  return out;
}

function strides(shape: readonly number[], rank: number): number[] {
  const padded = [...Array<number>(rank - shape.length).fill(1), ...shape];
  const out = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let d = rank - 1; d >= 0; d--) {
    out[d] = padded[d] === 1 ? 0 : stride;
    stride *= padded[d]!;
  }
  return out;
}

/** a + b with broadcasting; int32 + int32 stays int32, everything else is float32. */
export function referenceSum(a: HostTensor, b: HostTensor): HostTensor {
  const shape = broadcastShape(a.shape, b.shape);
  if (!shape) throw new Error(`shapes [${a.shape.join(", ")}] and [${b.shape.join(", ")}] do not broadcast`);
  const rank = shape.length;
  const sa = strides(a.shape, rank);
  const sb = strides(b.shape, rank);
  const size = shape.reduce((n, d) => n * d, 1);
  const int = a.dtype === "int32" && b.dtype === "int32";
  const data = int ? new Int32Array(size) : new Float32Array(size);
  const index = new Array<number>(rank).fill(0);
  for (let i = 0; i < size; i++) {
    let ia = 0;
    let ib = 0;
    for (let d = 0; d < rank; d++) {
      ia += index[d]! * sa[d]!;
      ib += index[d]! * sb[d]!;
    }
    data[i] = (a.data[ia] as number) + (b.data[ib] as number);
    for (let d = rank - 1; d >= 0; d--) {
      if (++index[d]! < shape[d]!) break;
      index[d] = 0;
    }
  }
  return new HostTensor(int ? "int32" : "float32", shape, data);
}
