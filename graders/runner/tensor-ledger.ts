/**
 * The runner's own count of live tensors, for leak and disposal measurements. It wraps the TF.js engine's
 * trackTensor and disposeTensor (installed before student code loads, as own non-writable properties of the
 * engine) and keeps the live tensors in a set only this module can read, so a submission cannot change what the
 * count says by editing TF.js's bookkeeping (tf.memory(), engine.state, isDisposed). A plain tensor's dataId is
 * made read-only when it is created, so disposal always releases the data the tensor was created with.
 */
import type * as tfType from "@tensorflow/tfjs";

export interface TensorLedger {
  /** Tensors created through the engine and not yet disposed. */
  live(): number;
  /** Whether this tensor object was created through the engine and has not been disposed. */
  isLive(tensor: unknown): boolean;
}

type Engine = {
  trackTensor(a: tfType.Tensor, backend: unknown): void;
  disposeTensor(a: tfType.Tensor): void;
};

let installed: TensorLedger | null = null;

export function installTensorLedger(tf: typeof tfType): TensorLedger {
  if (installed) return installed;
  const engine = tf.engine() as unknown as Engine;
  const Variable = tf.Variable;
  const live = new Set<object>();
  const setAdd = Set.prototype.add;
  const setDelete = Set.prototype.delete;
  const setHas = Set.prototype.has;
  const sizeOf = Object.getOwnPropertyDescriptor(Set.prototype, "size")!.get!;
  const define = Object.defineProperty;
  const track = engine.trackTensor;
  const dispose = engine.disposeTensor;
  define(engine, "trackTensor", {
    value: function trackTensor(this: Engine, a: tfType.Tensor, backend: unknown) {
      track.call(this, a, backend);
      setAdd.call(live, a);
      if (!(a instanceof Variable)) define(a, "dataId", { writable: false, configurable: false });
    },
    writable: false,
    configurable: false,
  });
  define(engine, "disposeTensor", {
    value: function disposeTensor(this: Engine, a: tfType.Tensor) {
      dispose.call(this, a);
      setDelete.call(live, a);
    },
    writable: false,
    configurable: false,
  });
  installed = {
    live: () => sizeOf.call(live) as number,
    isLive: (tensor) => setHas.call(live, tensor as object) as boolean,
  };
  return installed;
}
