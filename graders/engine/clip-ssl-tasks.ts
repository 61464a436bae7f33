/** The built-in `value-and-grads` task's input, output and output schema (graders/engine/tasks.ts lists it). */
import { z } from "zod";
import type { HostValue } from "./host-values";

const anyValue = z.custom<HostValue>(() => true);

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

