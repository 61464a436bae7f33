/**
 * Loads TensorFlow.js on demand so lesson pages stay light until a demo needs it. The demos use tiny tensors,
 * where the cpu backend is fastest (no GPU upload) and behaves the same on every machine, GPU or not.
 */
export type Tf = typeof import("@tensorflow/tfjs");

let pending: Promise<Tf> | null = null;

export function loadTf(): Promise<Tf> {
  if (!pending) {
    pending = (async () => {
      const tf = await import("@tensorflow/tfjs");
      if (tf.getBackend() !== "cpu") {
        const ok = await tf.setBackend("cpu");
        if (!ok) throw new Error("TensorFlow.js could not start its cpu backend");
      }
      await tf.ready();
      return tf;
    })();
    pending.catch(() => {
      pending = null;
    });
  }
  return pending;
}
