import type { Tf } from "./load-tf";

export type Method = "linear-probe" | "last-block" | "lora" | "full";

export const METHODS: Record<Method, string> = {
  "linear-probe": "linear probing: backbone frozen, head trained",
  "last-block": "partial fine-tuning: the last block and the head",
  lora: "low-rank updates (rank r) on two matrices per block, and the head",
  full: "full fine-tuning: everything",
};

/** A transformer encoder block of width d: attention (4 d×d matrices with biases), a 4d-wide MLP, two layer norms. */
export function blockParams(d: number): number {
  return 4 * (d * d + d) + (d * 4 * d + 4 * d) + (4 * d * d + d) + 2 * 2 * d;
}

export interface Budget {
  total: number;
  trainable: number;
}

/**
 * Trainable parameters of a backbone of `layers` blocks of width d (embeddings left out) with a K-way linear head.
 * LoRA adds B·A (d×r and r×d) to the query and value matrices of every block.
 */
export function adaptationBudget(o: {
  d: number;
  layers: number;
  classes: number;
  method: Method;
  rank: number;
}): Budget {
  const backbone = o.layers * blockParams(o.d);
  const head = o.classes * (o.d + 1);
  const lora = o.layers * 2 * (2 * o.d * o.rank);
  const total = backbone + head + (o.method === "lora" ? lora : 0);
  const trainable =
    o.method === "linear-probe"
      ? head
      : o.method === "last-block"
        ? blockParams(o.d) + head
        : o.method === "lora"
          ? lora + head
          : total;
  return { total, trainable };
}

/**
 * A small backbone built with tf.layers (dense blocks of width `width` on 64 inputs) and a fresh K-way head,
 * frozen as `method` says (LoRA is not a tf.layers layer, so here it counts as linear probing plus its low-rank
 * matrices). Parameter counts come from TensorFlow.js itself: `layer.trainable` is what the lesson's code sets.
 */
export function tfBudget(
  tf: Tf,
  o: { width: number; layers: number; classes: number; method: Method; rank: number },
): Budget & { frozenLayers: number } {
  const input = tf.input({ shape: [64] });
  let h = input as ReturnType<typeof tf.input>;
  const blocks = Array.from({ length: o.layers }, (_, i) =>
    tf.layers.dense({ units: o.width, activation: "relu", name: `block_${i + 1}` }),
  );
  for (const b of blocks) h = b.apply(h) as typeof h;
  const head = tf.layers.dense({ units: o.classes, name: "task_head" });
  const model = tf.model({ inputs: input, outputs: head.apply(h) as typeof h });
  blocks.forEach(
    (b, i) => (b.trainable = o.method === "full" || (o.method === "last-block" && i === blocks.length - 1)),
  );
  const count = (ws: { shape: readonly (number | null)[] }[]) =>
    ws.reduce((s, w) => s + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
  const lora =
    o.method === "lora" ? blocks.reduce((s, _b, i) => s + o.rank * ((i === 0 ? 64 : o.width) + o.width), 0) : 0;
  const result = {
    total: model.countParams() + lora,
    trainable: count(model.trainableWeights) + lora,
    frozenLayers: blocks.filter((b) => !b.trainable).length,
  };
  model.dispose();
  return result;
}
