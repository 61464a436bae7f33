/**
 * Inputs, outputs and output schemas of the runner tasks added for the language assignments (mlm-masking,
 * nsp-pairs, causal-attention); graders/engine/tasks.ts lists them with the other tasks.
 */
import { z } from "zod";
import type { HostTensor, HostValue } from "./host-values";

const anyValue = z.custom<HostValue>(() => true);
/** Any number, NaN and ±Infinity included (a diverged training run is a result, not a forgery). */
const anyNumber = z.custom<number>((v) => typeof v === "number");

export interface CallInspectInput {
  export: string;
  calls: Array<{ args: HostValue[] }>;
}

export interface CallInspectOutput {
  /** What each call returned and its arguments as they were after the call (generators as null). */
  calls: Array<{ value: HostValue; argsAfter: HostValue[] }>;
}

export const callInspectOutputSchema: z.ZodType<CallInspectOutput> = z.strictObject({
  calls: z.array(z.strictObject({ value: anyValue, argsAfter: z.array(anyValue) })),
});

export interface AttentionGradCase {
  q: HostTensor;
  k: HostTensor;
  v: HostTensor;
  /** Weights of the scalar sum(w · attention(q, k, v)) whose gradients are measured. */
  w: HostTensor;
}

export interface AttentionTrainConfig {
  seed: number;
  vocabSize: number;
  dModel: number;
  hidden: number;
  steps: number;
  batchSize: number;
  learningRate: number;
  /** int32 [sequences, seqLen + 1] character ids to train on. */
  train: HostTensor;
  /** int32 [sequences, seqLen] validation inputs (the trusted side keeps their next characters). */
  valInputs: HostTensor;
}

export type CausalAttentionInput = { mode: "gradients"; cases: AttentionGradCase[] } | ({ mode: "train" } & AttentionTrainConfig);

export type CausalAttentionOutput =
  | { mode: "gradients"; cases: Array<{ dq: HostValue; dk: HostValue; dv: HostValue }> }
  | { mode: "train"; trainLoss: number[]; valLogProbs: HostValue; seconds: number };

export const causalAttentionOutputSchema: z.ZodType<CausalAttentionOutput> = z.union([
  z.strictObject({
    mode: z.literal("gradients"),
    cases: z.array(z.strictObject({ dq: anyValue, dk: anyValue, dv: anyValue })).max(100),
  }),
  z.strictObject({
    mode: z.literal("train"),
    trainLoss: z.array(anyNumber).max(10000),
    valLogProbs: anyValue,
    seconds: z.number().min(0),
  }),
]);
