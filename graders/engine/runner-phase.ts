/** Pieces of a runner phase: outcomes, phases, the error kinds a student can cause, console capture, reading a crash. */
import { constants } from "node:os";
import type { GradeErrorKind } from "./result";
import type { RunnerMessage } from "../runner/protocol-types";
import type { ProcessLimits } from "./sandbox";

export interface StudentError {
  kind: GradeErrorKind;
  message: string;
}

export interface PhaseLimits {
  wallMs: number;
  /** Bytes the runner may send on the protocol channel during the phase. */
  outputBytes: number;
  /** Bytes the phase may print to stdout and stderr together. */
  logBytes: number;
}

export type Outcome<T> =
  | { ok: true; value: T; logs: string; ms: number }
  /** notStarted: the runner died before it took this task (its previous task's doing); the task may run elsewhere. */
  | { ok: false; error: StudentError; logs: string; ms: number; notStarted?: boolean };
export interface TaskRecord<T> {
  outcome: Outcome<T>;
}

export const BOOT_MS = 60_000;
export const BOOT_OUTPUT_BYTES = 64 * 1024;
/** The largest late protocol line read as a possible uncaught-error report (the runner caps messages at 20,000). */
export const LATE_REPORT_BYTES = 64 * 1024;
export const FORGED: StudentError = {
  kind: "output",
  message: "the grader's protocol channel received a line the runner did not write (it failed authentication): only the runner itself can report results, so the check fails",
};

export interface Phase {
  name: "boot" | "load" | "task";
  taskId: string | null;
  limits: PhaseLimits;
  log: ConsoleLog;
  protocolBytes: number;
  started: number;
  timer: NodeJS.Timeout;
  /** A task phase: whether the runner said it took the task. */
  acknowledged: boolean;
  onMessage(message: RunnerMessage): void;
  fail(error: StudentError): void;
}

/** Console output kept for the result: the first few KiB (the rest is counted against the cap, not stored). */
const KEEP_BYTES = 8 * 1024;

export class ConsoleLog {
  private kept: Buffer[] = [];
  private keptBytes = 0;
  private total = 0;

  constructor(private readonly limit: number) {}

  /** Adds a chunk; false once the phase printed more than its limit. */
  add(chunk: Buffer): boolean {
    this.total += chunk.length;
    if (this.keptBytes < KEEP_BYTES) {
      const part = chunk.subarray(0, KEEP_BYTES - this.keptBytes);
      this.kept.push(part);
      this.keptBytes += part.length;
    }
    return this.total <= this.limit;
  }

  text(): string {
    const text = Buffer.concat(this.kept).toString("utf8");
    return this.total > this.keptBytes ? `${text}\n… (${this.total - this.keptBytes} more bytes not shown)` : text;
  }
}

const MEMORY_PATTERN = /heap out of memory|Allocation failed|Cannot enlarge memory|Out of memory|invalid array length|Array buffer allocation failed|std::bad_alloc/i;

/** Why a process that exited mid-phase stopped, in the student's terms. */
export function crashError(code: number | null, rawSignal: NodeJS.Signals | null, stderrTail: string, limits: ProcessLimits, loading: boolean): StudentError {
  // bubblewrap reports a child killed by signal N as exit status 128 + N.
  const signal = rawSignal ?? (code !== null && code > 128 ? signalName(code - 128) : null);
  const when = loading ? "while loading the submission" : "before the check finished";
  const tail = stderrTail.trim().split("\n").slice(-4).join("\n");
  if (signal === "SIGXCPU") return { kind: "timeout", message: `used more than ${limits.cpuSeconds} s of CPU time ${when}` };
  if (MEMORY_PATTERN.test(stderrTail) || signal === "SIGKILL") {
    return { kind: "memory", message: `ran out of memory ${when} (limit ${limits.memoryMb} MB)` };
  }
  // Under the address-space limit an allocation that fails deep in native code (zlib, V8) ends as a segfault.
  if (signal === "SIGSEGV" || signal === "SIGBUS") {
    return { kind: "memory", message: `ran out of memory ${when}, most likely: the process crashed with ${signal} (limit ${limits.memoryMb} MB)` };
  }
  if (signal) return { kind: "runtime", message: `the process crashed with ${signal} ${when}${tail ? `:\n${tail}` : ""}` };
  if (code === 0) return { kind: "runtime", message: `the process exited ${when} (does the submission call process.exit()?)` };
  return { kind: "runtime", message: `the process exited with code ${code} ${when}${tail ? `:\n${tail}` : ""}` };
}

function signalName(n: number): NodeJS.Signals | null {
  const entry = Object.entries(constants.signals).find(([, value]) => value === n);
  return entry ? (entry[0] as NodeJS.Signals) : null;
}
