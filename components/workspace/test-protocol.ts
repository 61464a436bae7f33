/** Messages between the workspace and its public-test worker (public-tests.worker.ts). */

export interface CompiledFile {
  /** CommonJS code emitted by the TypeScript service. */
  code: string;
  /** Its source map (JSON), or null. */
  map: string | null;
}

export type ToWorker =
  /** Start TF.js now (while the student reads), so the first run does not wait for it. */
  | { type: "warm"; backend?: string | null }
  | {
      type: "run";
      runId: number;
      starter: CompiledFile;
      tests: CompiledFile;
      /** Force a TF.js backend (webgl, wasm, cpu) for the worker's first run; default: the best available. */
      backend?: string | null;
    };

export interface BrowserTestOutcome {
  name: string;
  passed: boolean;
  message: string;
  /** Where in starter.ts the failure was thrown, when the stack says so. */
  location?: { line: number; column: number };
}

export type FromWorker =
  | { type: "backend"; name: string; detail: string; ms: number }
  | { type: "log"; runId: number; level: "log" | "info" | "warn" | "error"; text: string }
  | { type: "progress"; runId: number; done: number; total: number }
  | { type: "done"; runId: number; tests: BrowserTestOutcome[]; ms: number }
  /** The file could not be loaded (a throw at module level, a syntax error): no test ran. */
  | { type: "failed"; runId: number; message: string; location?: { line: number; column: number } };
