/** What a runner task receives. Tasks live in the runner (public code): they call student exports, never score. */
import type * as tf from "@tensorflow/tfjs";
import type { ProgressFields } from "../protocol-types";
import type { TensorLedger } from "../tensor-ledger";

export interface TaskContext {
  /** The runner's own TF.js (student code gets a frozen facade of it). */
  tf: typeof tf;
  /** A fresh instance of the submission module, evaluated for this task. */
  exports: Record<string, unknown>;
  /** Evaluates other engine-compiled CommonJS code with the given importable modules. */
  evaluate(code: string, filename: string, modules: Record<string, unknown>): Record<string, unknown>;
  /** The `@tensorflow/tfjs` that student code sees. */
  studentTf: Readonly<Record<string, unknown>>;
  /** The runner's own count of live tensors (tensor-ledger.ts). */
  ledger: TensorLedger;
  /** Reports progress (throttled by the runner). */
  progress(fields: ProgressFields): void;
  seed: number;
}

/** `input` is the decoded task input; the returned value is encoded and sent to the engine as the task output. */
export type Task = (input: unknown, ctx: TaskContext) => Promise<unknown>;
