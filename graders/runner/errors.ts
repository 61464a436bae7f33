/**
 * Turns whatever student code throws (an Error, a string, 42, null, a hostile object) into a kind and a short
 * message. Every access is guarded: a thrown value's getters and toString are student code too.
 */
import type { RunnerErrorKind } from "./protocol-types";
import { SUBMISSION_JS } from "./protocol-types";

const MAX_MESSAGE = 2000;
const NETWORK_CODES = new Set(["ENETUNREACH", "EAI_AGAIN", "ENOTFOUND", "ECONNREFUSED", "EHOSTUNREACH", "ECONNRESET"]);
const CREDENTIAL_CALLS = new Set(["setuid", "setgid", "seteuid", "setegid", "setgroups", "initgroups"]);
const FILE_DENIED_CODES = new Set(["EROFS", "EACCES", "EPERM"]);
const MEMORY_PATTERN = /Array buffer allocation failed|Invalid typed array length|Invalid array length|out of memory|Cannot enlarge memory|WebAssembly\.Memory/i;

/** A failure the runner reports for the task at hand, with a complete message (no context is added). */
export class StudentFailure extends Error {
  constructor(
    readonly kind: RunnerErrorKind,
    message: string,
  ) {
    super(message);
  }
}

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}… (truncated)` : text;
}

/** A printable description of any value, never throwing. */
export function printable(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(clip(value));
  if (value === null || value === undefined || typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  if (typeof value === "symbol") return safe(() => value.toString(), "a symbol");
  if (typeof value === "function") return "a function";
  return safe(() => clip(JSON.stringify(value) ?? String(value)), "an object that cannot be printed");
}

/** Stack lines that point into the submission, which the engine maps back to submission.ts. */
function submissionFrames(stack: unknown): string {
  if (typeof stack !== "string") return "";
  const frames = stack
    .split("\n")
    .filter((line) => line.includes(SUBMISSION_JS))
    .slice(0, 8);
  return frames.length ? `\n${frames.join("\n")}` : "";
}

function errorCode(err: object): string | undefined {
  const code = safe(() => (err as { code?: unknown }).code, undefined);
  if (typeof code === "string") return code;
  const cause = safe(() => (err as { cause?: unknown }).cause, undefined);
  if (cause && typeof cause === "object") {
    const inner = safe(() => (cause as { code?: unknown }).code, undefined);
    if (typeof inner === "string") return inner;
  }
  return undefined;
}

/** Classifies a thrown value; `context` says what threw (e.g. "addTensors threw on call 3"). Never throws. */
export function describeThrown(thrown: unknown, context: string): { kind: RunnerErrorKind; message: string } {
  try {
    return classify(thrown, context);
  } catch {
    return { kind: "runtime", message: `${context} a value that cannot be inspected (throw an Error instead)` };
  }
}

function classify(thrown: unknown, context: string): { kind: RunnerErrorKind; message: string } {
  if (thrown instanceof StudentFailure) return { kind: thrown.kind, message: thrown.message };
  const isErrorLike =
    thrown !== null && typeof thrown === "object" && safe(() => typeof (thrown as Error).message === "string", false);
  if (!isErrorLike) {
    return { kind: "runtime", message: `${context} a non-Error value: ${printable(thrown)} (throw an Error instead)` };
  }
  const err = thrown as Error;
  const name = safe(() => String(err.name), "Error");
  const message = clip(safe(() => String(err.message), ""));
  const code = errorCode(err);
  const frames = submissionFrames(safe(() => err.stack, undefined));
  if (code === "ERR_ACCESS_DENIED") {
    const resource = safe(() => String((err as { resource?: unknown }).resource ?? ""), "");
    return { kind: "sandbox", message: `${context}: the sandbox denied access${resource ? ` to ${resource}` : ""} (${message})${frames}` };
  }
  if (code === "ERR_DLOPEN_DISABLED") {
    return { kind: "sandbox", message: `${context}: the sandbox does not load native addons (${message})${frames}` };
  }
  const syscall = safe(() => (err as { syscall?: unknown }).syscall, undefined);
  if (typeof syscall === "string" && CREDENTIAL_CALLS.has(syscall)) {
    return { kind: "sandbox", message: `${context}: the sandbox does not allow changing the user or group (${syscall}: ${message})${frames}` };
  }
  if (code && FILE_DENIED_CODES.has(code)) {
    return { kind: "sandbox", message: `${context}: the sandbox denied file access (${message})${frames}` };
  }
  if ((code && NETWORK_CODES.has(code)) || message === "fetch failed") {
    return { kind: "sandbox", message: `${context}: network access is not available while grading (${code ?? message})${frames}` };
  }
  if (name === "RangeError" && MEMORY_PATTERN.test(message)) {
    return { kind: "memory", message: `${context}: ran out of memory (${message})${frames}` };
  }
  return { kind: "runtime", message: `${context}: ${name}: ${message}${frames}` };
}

/** A malformed request from the engine: an infrastructure failure, never blamed on the student. */
export class RunnerBug extends Error {
  override name = "RunnerBug";
}

export function isRunnerBug(value: unknown): value is RunnerBug {
  return safe(() => value instanceof RunnerBug, false);
}
