/**
 * Main-thread side of the public-test worker: starts it on demand, runs one test run at a time, and stops a
 * runaway run by terminating the worker (the next run starts a fresh one), on request or after a time limit.
 */
import type { BrowserTestOutcome, CompiledFile, FromWorker, ToWorker } from "./test-protocol";

export interface RunOutcome {
  status: "done" | "failed" | "stopped" | "timeout";
  tests: BrowserTestOutcome[];
  /** Why no test ran (failed), or what stopped the run. */
  message?: string;
  location?: { line: number; column: number };
  /** Milliseconds the worker spent running the tests (done only). */
  runMs?: number;
  logs: { level: string; text: string }[];
}

export interface RunOptions {
  timeoutMs: number;
  backend?: string | null;
  onProgress?(done: number, total: number): void;
  onBackend?(backend: { name: string; detail: string; ms: number }): void;
}

interface Pending {
  runId: number;
  resolve(outcome: RunOutcome): void;
  logs: RunOutcome["logs"];
  timer: ReturnType<typeof setTimeout>;
  options: RunOptions;
}

const MAX_LOGS = 500;

export class PublicTestRunner {
  private worker: Worker | null = null;
  private pending: Pending | null = null;
  private nextRunId = 1;
  private workerStarted = 0;
  backend: { name: string; detail: string; ms: number } | null = null;

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    this.workerStarted = performance.now();
    const worker = new Worker(new URL("./public-tests.worker.ts", import.meta.url), {
      type: "module",
      name: "public-tests",
    });
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.finish(
        {
          status: "failed",
          tests: [],
          message: `The test worker crashed: ${event.message || "unknown error"}`,
          logs: [],
        },
        true,
      );
    };
    this.worker = worker;
    return worker;
  }

  private receive(msg: FromWorker): void {
    if (msg.type === "backend") {
      this.backend = { name: msg.name, detail: msg.detail, ms: msg.ms };
      // From creating the worker (its chunk, TF.js, the wasm binary) to a ready backend: for the benchmark.
      performance.measure("public-tests-worker-ready", { start: this.workerStarted, end: performance.now() });
      this.pending?.options.onBackend?.(this.backend);
      return;
    }
    const pending = this.pending;
    if (!pending || msg.runId !== pending.runId) return;
    if (msg.type === "log") {
      if (pending.logs.length < MAX_LOGS) pending.logs.push({ level: msg.level, text: msg.text });
    } else if (msg.type === "progress") {
      pending.options.onProgress?.(msg.done, msg.total);
    } else if (msg.type === "done") {
      this.finish({ status: "done", tests: msg.tests, runMs: msg.ms, logs: pending.logs }, false);
    } else if (msg.type === "failed") {
      this.finish(
        {
          status: "failed",
          tests: [],
          message: msg.message,
          ...(msg.location ? { location: msg.location } : {}),
          logs: pending.logs,
        },
        false,
      );
    }
  }

  private finish(outcome: RunOutcome, killWorker: boolean): void {
    const pending = this.pending;
    this.pending = null;
    if (killWorker) this.kill();
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.resolve({ ...outcome, logs: outcome.logs.length ? outcome.logs : pending.logs });
  }

  private kill(): void {
    this.worker?.terminate();
    this.worker = null;
    this.backend = null;
  }

  get running(): boolean {
    return this.pending !== null;
  }

  run(starter: CompiledFile, tests: CompiledFile, options: RunOptions): Promise<RunOutcome> {
    if (this.pending) this.stop("superseded by a new run");
    const worker = this.ensureWorker();
    const runId = this.nextRunId++;
    return new Promise<RunOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.finish(
          {
            status: "timeout",
            tests: [],
            message: `Stopped after ${Math.round(options.timeoutMs / 1000)} s: an endless loop, or tests too slow for this browser.`,
            logs: [],
          },
          true,
        );
      }, options.timeoutMs);
      this.pending = { runId, resolve, logs: [], timer, options };
      const msg: ToWorker = { type: "run", runId, starter, tests, backend: options.backend ?? null };
      worker.postMessage(msg);
    });
  }

  /** Starts the worker and its TF.js backend ahead of the first run. */
  warm(backend?: string | null): void {
    if (this.worker) return;
    const msg: ToWorker = { type: "warm", backend: backend ?? null };
    this.ensureWorker().postMessage(msg);
  }

  /** Stops the current run at once by terminating the worker. */
  stop(reason = "Stopped."): void {
    if (!this.pending) return;
    this.finish({ status: "stopped", tests: [], message: reason, logs: [] }, true);
  }

  dispose(): void {
    this.stop();
    this.kill();
  }
}
