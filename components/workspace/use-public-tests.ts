"use client";
/**
 * Runs the public tests in the browser: compiles the student's file and public.test.ts with Monaco's TypeScript
 * service, hands both to the worker, and marks failures on the student's lines. Timing goes to the page as
 * data-run-ms and a performance measure ("public-tests"), for the benchmark.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { EditorHandle } from "./code-editor";
import { compileModel } from "./compile";
import { PublicTestRunner, type RunOutcome } from "./test-runner";

export const PUBLIC_TEST_PATH = "file:///public.test.ts";
const TIMEOUT_MS = 120_000;

export function usePublicTests(handle: EditorHandle | null, publicTests: string) {
  const runner = useRef<PublicTestRunner | null>(null);
  /** Set by stop() while the files are still compiling, before the worker has the run. */
  const cancelled = useRef(false);
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [backend, setBackend] = useState<string | null>(null);
  const [totalMs, setTotalMs] = useState<number | null>(null);
  const [typeErrors, setTypeErrors] = useState(0);

  // The public tests live in a model of their own, next to starter.ts, so "./starter" resolves to the student's file.
  useEffect(() => {
    if (!handle) return;
    const { monaco } = handle;
    const uri = monaco.Uri.parse(PUBLIC_TEST_PATH);
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(publicTests, "typescript", uri);
    if (model.getValue() !== publicTests) model.setValue(publicTests);
    return () => model.dispose();
  }, [handle, publicTests]);

  useEffect(() => {
    const r = new PublicTestRunner();
    runner.current = r;
    return () => r.dispose();
  }, []);

  // Once the editor is up, start TF.js in the worker in the background: the first run then needs no start-up.
  useEffect(() => {
    if (!handle) return;
    const timer = setTimeout(() => runner.current?.warm(new URLSearchParams(window.location.search).get("tf")), 300);
    return () => clearTimeout(timer);
  }, [handle]);

  const run = useCallback(async () => {
    const r = runner.current;
    if (!handle || !r || r.running) return;
    const testModel = handle.monaco.editor.getModel(handle.monaco.Uri.parse(PUBLIC_TEST_PATH));
    if (!testModel) return;
    const started = performance.now();
    cancelled.current = false;
    setRunning(true);
    setProgress(null);
    setTotalMs(null);
    handle.setMarkers("public-tests", []);
    try {
      const [starter, tests] = await Promise.all([
        compileModel(handle.monaco, handle.model),
        compileModel(handle.monaco, testModel),
      ]);
      const { monaco } = handle;
      setTypeErrors(
        monaco.editor
          .getModelMarkers({ resource: handle.model.uri, owner: "typescript" })
          .filter((m) => m.severity === monaco.MarkerSeverity.Error).length,
      );
      if (!starter.ok) {
        const first = starter.syntaxErrors[0];
        setOutcome({
          status: "failed",
          tests: [],
          message: first
            ? `Fix the syntax error first: line ${first.line}: ${first.message}`
            : "Your code could not be compiled.",
          ...(first ? { location: { line: first.line, column: first.column } } : {}),
          logs: [],
        });
        return;
      }
      if (!tests.ok) {
        setOutcome({
          status: "failed",
          tests: [],
          message: "The public tests could not be compiled (please tell the course staff).",
          logs: [],
        });
        return;
      }
      if (cancelled.current) {
        setOutcome({ status: "stopped", tests: [], message: "Stopped by you.", logs: [] });
        return;
      }
      const forced = new URLSearchParams(window.location.search).get("tf");
      const result = await r.run(starter.file, tests.file, {
        timeoutMs: TIMEOUT_MS,
        backend: forced,
        onProgress: (done, total) => setProgress({ done, total }),
        onBackend: (b) => setBackend(b.name),
      });
      const elapsed = performance.now() - started;
      performance.measure("public-tests", { start: started, duration: elapsed });
      setTotalMs(elapsed);
      setBackend(r.backend?.name ?? null);
      setOutcome(result);
      const marks = result.tests
        .filter((t) => !t.passed && t.location)
        .map((t) => ({
          line: t.location!.line,
          column: t.location!.column,
          message: `Public test "${t.name}" failed here: ${t.message}`,
        }));
      if (result.location)
        marks.push({
          line: result.location.line,
          column: result.location.column,
          message: result.message ?? "failed here",
        });
      handle.setMarkers("public-tests", marks);
    } catch (err) {
      setOutcome({
        status: "failed",
        tests: [],
        message: `The tests could not run: ${err instanceof Error ? err.message : String(err)}`,
        logs: [],
      });
    } finally {
      setRunning(false);
    }
  }, [handle]);

  const stop = useCallback(() => {
    cancelled.current = true;
    runner.current?.stop("Stopped by you.");
  }, []);

  return { run, stop, outcome, running, progress, backend, totalMs, typeErrors };
}
