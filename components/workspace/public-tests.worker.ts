/**
 * The public-test worker: runs an assignment's public.test.ts against the student's code with TF.js, off the main
 * thread, so a runaway loop freezes nothing (the page terminates this worker). It uses the grader's own test API
 * (graders/runner/test-api.ts), so the same file gives the same verdicts here and in the sandbox.
 */
import * as tf from "@tensorflow/tfjs";
import { createTestApi, type TestApi } from "@/graders/runner/test-api";
import { selectBrowserBackend, type BrowserBackend } from "./worker-backend";
import { mapPositions } from "./source-map";
import { describe, evaluateModule, STARTER_JS, STARTER_TS, starterLocation, starterMap } from "./worker-eval";
import type { BrowserTestOutcome, FromWorker, ToWorker } from "./test-protocol";

const scope = self as unknown as {
  postMessage(m: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};
const post = (m: FromWorker) => scope.postMessage(m);
let backend: Promise<BrowserBackend> | null = null;
let currentRun = 0;

function captureConsole(): void {
  for (const level of ["log", "info", "warn", "error"] as const) {
    console[level] = (...args: unknown[]) => {
      const text = args
        .map((a) => {
          if (typeof a === "string") return a;
          try {
            return a instanceof tf.Tensor
              ? `Tensor ${JSON.stringify(a.shape)} ${a.dtype}`
              : (JSON.stringify(a) ?? String(a));
          } catch {
            return String(a);
          }
        })
        .join(" ");
      post({ type: "log", runId: currentRun, level, text: text.length > 2000 ? `${text.slice(0, 2000)}…` : text });
    };
  }
}

function startBackend(forced: string | null | undefined): Promise<BrowserBackend> {
  if (!backend) {
    const started = performance.now();
    backend = selectBrowserBackend(forced);
    backend
      .then((chosen) =>
        post({ type: "backend", name: chosen.name, detail: chosen.detail, ms: performance.now() - started }),
      )
      .catch(() => undefined);
  }
  return backend;
}

async function run(msg: Extract<ToWorker, { type: "run" }>): Promise<void> {
  currentRun = msg.runId;
  await startBackend(msg.backend);
  const map = starterMap(msg.starter);
  const started = performance.now();
  const { api, run: runTests } = createTestApi();
  const locations = new Map<string, { line: number; column: number }>();
  // The same API, with each test wrapped to remember where in starter.ts a failure was thrown.
  const located: TestApi = {
    expect: api.expect,
    test(name, fn) {
      api.test(name, async () => {
        try {
          await fn();
        } catch (err) {
          const where = starterLocation(err, map);
          if (where) locations.set(String(name), where);
          throw err;
        }
      });
    },
  };
  tf.engine().startScope();
  try {
    let starter: Record<string, unknown>;
    try {
      starter = evaluateModule(msg.starter, STARTER_JS, { "@tensorflow/tfjs": tf });
    } catch (err) {
      post({
        type: "failed",
        runId: msg.runId,
        message: `Loading your code failed: ${describe(err, map)}`,
        location: starterLocation(err, map),
      });
      return;
    }
    try {
      evaluateModule(msg.tests, "public.test.js", {
        "@tensorflow/tfjs": tf,
        "unlabeled:test": located,
        "./starter": starter,
      });
    } catch (err) {
      post({
        type: "failed",
        runId: msg.runId,
        message: `Loading the public tests failed: ${describe(err, map)}`,
        location: starterLocation(err, map),
      });
      return;
    }
    const outcomes = await runTests((done, total) => post({ type: "progress", runId: msg.runId, done, total }));
    const tests: BrowserTestOutcome[] = outcomes.map((o) => {
      const location = o.passed ? undefined : locations.get(o.name);
      return { ...o, message: describeMessage(o.message, map), ...(location ? { location } : {}) };
    });
    post({ type: "done", runId: msg.runId, tests, ms: performance.now() - started });
  } finally {
    tf.engine().endScope();
    tf.disposeVariables();
  }
}

function describeMessage(message: string, map: ReturnType<typeof starterMap>): string {
  return mapPositions(message, STARTER_JS, STARTER_TS, map);
}

captureConsole();
scope.onmessage = (event) => {
  const msg = event.data;
  if (msg?.type === "warm") {
    startBackend(msg.backend).catch(() => undefined);
    return;
  }
  if (msg?.type !== "run") return;
  run(msg).catch((err: unknown) => {
    post({
      type: "failed",
      runId: msg.runId,
      message: `The test worker failed: ${err instanceof Error ? err.message : String(err)}`,
    });
  });
};
