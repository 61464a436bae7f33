/**
 * Inputs, outputs and output schemas of the runner tasks added for clip-contrastive (value-and-grads,
 * clip-train); graders/engine/tasks.ts lists them with the other tasks.
 */
import { z } from "zod";
import { HostTensor, type HostValue } from "./host-values";

const anyValue = z.custom<HostValue>(() => true);
/** Any number, NaN and ±Infinity included (a diverged training run is a result, not a forgery). */
const anyNumber = z.custom<number>((v) => typeof v === "number");
const hostTensor = z.custom<HostTensor>((v) => v instanceof HostTensor);

export interface ValueAndGradsInput {
  export: string;
  /** `wrt`: indices of the tensor arguments to differentiate with respect to. */
  calls: Array<{ args: HostValue[]; wrt: number[] }>;
}

export interface ValueAndGradsOutput {
  /** The value, the gradients (in `wrt` order) or null with TF.js's message when no gradient could be computed. */
  calls: Array<{ value: HostValue; grads: HostValue[] | null; gradError: string | null }>;
}

export const valueAndGradsOutputSchema: z.ZodType<ValueAndGradsOutput> = z.strictObject({
  calls: z.array(z.strictObject({ value: anyValue, grads: z.array(anyValue).nullable(), gradError: z.string().max(5000).nullable() })),
});

export interface ClipTrainInput {
  images: HostTensor;
  captions: HostTensor;
  testImages: HostTensor;
  prompts: HostTensor;
  embedDim: number;
  hidden: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  temperature: number;
  seed: number;
}

export interface ClipTrainOutput {
  /** Mean training loss per epoch. */
  losses: number[];
  imageEmbeddings: HostTensor;
  promptEmbeddings: HostTensor;
}

export const clipTrainOutputSchema: z.ZodType<ClipTrainOutput> = z.strictObject({
  losses: z.array(anyNumber).max(1000),
  imageEmbeddings: hostTensor,
  promptEmbeddings: hostTensor,
});
