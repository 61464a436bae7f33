/**
 * The message protocol between the trusted engine and the sandboxed runner, as plain types. The runner trusts what
 * the engine sends; the engine validates everything the runner sends with zod (graders/engine/protocol.ts), since
 * the student's code shares the runner's process and can write to the protocol channel too.
 *
 * Framing: one JSON object per line. Engine → runner on stdin; runner → engine on fd 3 (never stdout, so printing
 * cannot imitate a message).
 */

export type WireDType = "float32" | "int32" | "bool" | "string";
export type WireTypedKind = "float32" | "float64" | "int32" | "uint8";

/** A tensor: dtype + shape + data (little-endian bytes in base64; a string array for dtype "string"). */
export interface WireTensor {
  t: "tensor";
  dtype: WireDType;
  shape: number[];
  data: string | string[];
}

/** A JSON-safe value: finite numbers, strings, booleans and null stand for themselves; the rest is tagged. */
export type Wire =
  | null
  | boolean
  | number
  | string
  | { t: "undefined" }
  | { t: "num"; v: "NaN" | "Infinity" | "-Infinity" }
  | WireTensor
  | { t: "typed"; kind: WireTypedKind; data: string }
  | { t: "array"; items: Wire[] }
  | { t: "object"; fields: { [key: string]: Wire } }
  /** Input only: the runner hands the student a seeded generator `() => number` in [0, 1). */
  | { t: "rng"; seed: number };

export type EngineMessage =
  /** The compiled submission (CommonJS). The runner evaluates it once to list its exports. */
  | { type: "init"; code: string }
  /** Runs a named task on a fresh instance of the submission module. */
  | { type: "task"; id: string; name: string; input: Wire; seed: number };

/** Failures the runner may report for student code; `timeout` is only ever decided by the engine. */
export type RunnerErrorKind = "runtime" | "output" | "sandbox" | "memory";

export type ProgressFields = {
  phase: string;
  epoch?: number;
  metrics?: Record<string, number>;
  message?: string;
};

export type RunnerMessage =
  /** Sent once the runner selected its TF.js backend, before any student code exists in the process. */
  | { type: "boot"; backend: string; detail: string; tfjs: string }
  /** The runner itself failed before student code ran: an infrastructure failure. */
  | { type: "fatal"; message: string }
  | { type: "ready"; exports: Record<string, string> }
  /** First message of every task: the runner took it (a runner that dies before this never ran the task). */
  | { type: "started"; task: string }
  | ({ type: "progress"; task: string } & ProgressFields)
  | { type: "result"; task: string; output: Wire }
  | { type: "error"; task: string | null; kind: RunnerErrorKind; message: string };

/** The fd the runner writes protocol messages to. */
export const PROTOCOL_FD = 3;
/** The file name student code is compiled under; stack frames naming it are mapped back to submission.ts. */
export const SUBMISSION_JS = "submission.js";
