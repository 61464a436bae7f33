/**
 * Hidden: the training check of causal-attention. The sandbox trains a tiny decoder-only character model around
 * the student's attention and returns log-probabilities on validation inputs; here, with the validation targets,
 * we compute its loss and compare it with the unigram baseline.
 */
import { defineCheck, HostTensor, tensor, type Artifact, type CheckScore } from "@unlabeled/sdk";
import { charData, unigramLoss, windows } from "./corpus";
import causalAttentionTask from "../task";

export const CANARY = "unlabeled-hidden-causal-attention-training";

const SEQ_LEN = 32;
const STEPS = 150;
/**
 * Pass when the validation loss is at most this fraction of the unigram baseline's (2.845 nats). Measured over 13
 * seeds with the same budget: the reference attention reaches 0.887–1.072; an "attention" that only passes each
 * position's own value on (a bigram model in effect) 1.80–1.83; one that averages all earlier values without
 * looking at q and k 1.40–1.48. The bar, 0.44 × 2.845 = 1.25, sits between the reference and both controls, so a
 * block whose attention does nothing cannot pass (the old bar, 0.8, let the bigram control through).
 */
export const REQUIRED_RATIO = 0.44;

interface Hidden {
  targets: number[][];
  unigram: number;
  vocabSize: number;
}

export function trainingCheck() {
  return defineCheck({
    id: "trains",
    title: "A tiny decoder built on it learns the corpus",
    visibility: "visible",
    limits: { wallSeconds: 60, cpuSeconds: 70, memoryMb: 1024 },
    dependsOn: ["no-future-leak", "gradients-flow"],
    isolate: true,
    task: causalAttentionTask,
    prepare: (ctx) => {
      const data = charData();
      const train = windows(data.train, SEQ_LEN + 1, 3);
      const val = windows(data.validation, SEQ_LEN + 1, SEQ_LEN);
      const targets = val.map((w) => w.slice(1));
      const input = {
        mode: "train" as const,
        seed: ctx.seed,
        vocabSize: data.vocab.length,
        dModel: 32,
        hidden: 64,
        steps: STEPS,
        batchSize: 16,
        learningRate: 0.01,
        train: tensor(train.flat(), [train.length, SEQ_LEN + 1], "int32"),
        valInputs: tensor(val.flatMap((w) => w.slice(0, SEQ_LEN)), [val.length, SEQ_LEN], "int32"),
      };
      return { input, hidden: { targets, unigram: unigramLoss(data.train, targets.flat(), data.vocab.length), vocabSize: data.vocab.length } };
    },
    score: (output, hidden): CheckScore => {
      if (output.mode !== "train") return { fraction: 0, feedback: "the training task returned no result" };
      const lp = output.valLogProbs;
      const shape = [hidden.targets.length, SEQ_LEN, hidden.vocabSize];
      if (!(lp instanceof HostTensor) || lp.shape.join(",") !== shape.join(",")) return { fraction: 0, feedback: "the training task returned no validation predictions" };
      let sum = 0;
      hidden.targets.forEach((row, i) => row.forEach((id, t) => (sum -= lp.data[(i * SEQ_LEN + t) * hidden.vocabSize + id] as number)));
      const loss = sum / (hidden.targets.length * SEQ_LEN);
      const curve: Artifact = {
        kind: "curve", name: "Training loss", x_label: "step", y_label: "cross-entropy (nats per character)",
        series: [{ name: "train", x: output.trainLoss.map((_, i) => Math.min((i + 1) * 10, STEPS)), y: output.trainLoss.map((v) => (Number.isFinite(v) ? v : -1)) }],
      };
      const line = `validation loss ${Number.isFinite(loss) ? loss.toFixed(3) : "NaN"} nats per character after ${STEPS} steps (${output.seconds.toFixed(1)} s); the unigram baseline is ${hidden.unigram.toFixed(3)}, the bar ${(REQUIRED_RATIO * hidden.unigram).toFixed(3)}`;
      if (!Number.isFinite(loss)) return { fraction: 0, feedback: `training diverged: ${line}; is the softmax numerically stable (subtract the row maximum, mask with a large negative number rather than -Infinity times 0)?`, artifacts: [curve] };
      const ok = loss <= REQUIRED_RATIO * hidden.unigram;
      const controls = "a block whose attention only passes each position's own value on reaches about 1.8 (a bigram model), one that averages the earlier positions without using q and k about 1.4";
      return { fraction: ok ? 1 : 0, feedback: ok ? `The model learned to use the context: ${line}.` : `The model did not use the context well enough: ${line}; for comparison, ${controls}.`, artifacts: [curve] };
    },
  });
}
