/** The built-in `call-inspect` task's input, output and output schema (graders/engine/tasks.ts lists it). */
import { z } from "zod";
import type { HostValue } from "./host-values";

const anyValue = z.custom<HostValue>(() => true);

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

