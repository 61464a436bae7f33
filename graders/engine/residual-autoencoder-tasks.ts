/**
 * Inputs, outputs and output schemas of the runner tasks of the residual-block and autoencoder assignments
 * (graders/runner/tasks/residual-block.ts, autoencoder.ts); graders/engine/tasks.ts lists them with the others.
 */
import { z } from "zod";
import { HostTensor } from "./host-values";

const hostTensor = z.instanceof(HostTensor);
/** Any number, NaN and ±Infinity included (a diverged run is a result, not a forgery). */
const anyNumber = z.custom<number>((v) => typeof v === "number");
const pair = z.array(z.number()).max(4).nullable();

export const blockLayerSchema = z.strictObject({
  className: z.string().max(200),
  kernelSize: pair,
  strides: pair,
  filters: z.number().nullable(),
  activation: z.string().max(100).nullable(),
});
export type BlockLayer = z.infer<typeof blockLayerSchema>;

export type ResidualBlockInput =
  | { mode: "inspect"; cases: Array<{ x: HostTensor; filters: number; stride?: number }> }
  | { mode: "gradient"; depth: number; filters: number; x: HostTensor; seed: number }
  | { mode: "train"; seed: number; epochs: number; batchSize: number; learningRate: number; trainX: HostTensor; trainY: HostTensor; testX: HostTensor };

const inspectedCase = z.union([
  z.strictObject({ error: z.string().max(5000) }),
  z.strictObject({
    error: z.null(),
    output: hostTensor,
    zeroed: hostTensor,
    projected: hostTensor.nullable(),
    probe: hostTensor.nullable(),
    layers: z.array(blockLayerSchema).max(200),
  }),
]);
export type InspectedCase = z.infer<typeof inspectedCase>;

export const residualInspectSchema = z.strictObject({ cases: z.array(inspectedCase).max(50) });
export const residualGradientSchema = z.strictObject({ norms: z.array(anyNumber).max(100) });
export const residualTrainSchema = z.strictObject({ predictions: hostTensor, losses: z.array(anyNumber).max(100), seconds: z.number() });
export const residualBlockOutputSchema = z.union([residualInspectSchema, residualGradientSchema, residualTrainSchema]);
export type ResidualBlockOutput = z.infer<typeof residualBlockOutputSchema>;

export type AutoencoderInput =
  | { mode: "inspect"; seed: number; cases: Array<{ latentDim: number; images: HostTensor; latents: HostTensor }> }
  | { mode: "decode-seeded"; seed: number; cases: Array<{ latentDim: number; latents: HostTensor }> }
  | { mode: "train"; latentDim: number; seed: number; epochs: number; batchSize: number; learningRate: number; trainX: HostTensor }
  | { mode: "encode" | "decode"; latentDim: number; seed: number; weights: HostTensor[]; x: HostTensor };

const modelShapes = z.array(z.array(z.number().nullable()).max(8)).max(8);
const inspectedModels = z.union([
  z.strictObject({ error: z.string().max(5000) }),
  z.strictObject({
    error: z.null(),
    encoderInputs: modelShapes,
    encoderOutputs: modelShapes,
    decoderInputs: modelShapes,
    decoderOutputs: modelShapes,
    encoderParams: z.number(),
    decoderParams: z.number(),
    sharedWeights: z.number(),
    encoded: hostTensor,
    decoded: hostTensor,
  }),
]);
export type InspectedModels = z.infer<typeof inspectedModels>;

export const autoencoderInspectSchema = z.strictObject({ cases: z.array(inspectedModels).max(20) });
export const autoencoderDecodeSeededSchema = z.strictObject({
  again: z.array(z.union([z.strictObject({ error: z.string().max(5000) }), z.strictObject({ error: z.null(), decoded: hostTensor })])).max(20),
});
export const autoencoderTrainSchema = z.strictObject({
  encoderWeights: z.array(hostTensor).max(200),
  decoderWeights: z.array(hostTensor).max(200),
  losses: z.array(anyNumber).max(100),
  seconds: z.number(),
});
export const autoencoderApplySchema = z.strictObject({ values: hostTensor });
export const autoencoderOutputSchema = z.union([autoencoderInspectSchema, autoencoderDecodeSeededSchema, autoencoderTrainSchema, autoencoderApplySchema]);
export type AutoencoderOutput = z.infer<typeof autoencoderOutputSchema>;
