"use client";
import { useEffect, useState } from "react";
import { loadTf, type Tf } from "./load-tf";

export type DemoState = "loading" | "running" | "ready" | "error";

export interface Computation<T> {
  state: DemoState;
  result: T | null;
  error: string | null;
}

/**
 * Runs `compute` with TensorFlow.js whenever `deps` change; a newer run supersedes an older one.
 * The previous result stays on screen while a new one is computed.
 */
export function useTfComputation<T>(
  compute: (tf: Tf, isCurrent: () => boolean) => Promise<T> | T,
  deps: unknown[],
): Computation<T> {
  const [state, setState] = useState<DemoState>("loading");
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const isCurrent = () => current;
    (async () => {
      const tf = await loadTf();
      if (!current) return;
      setState("running");
      const started = performance.now();
      const value = await compute(tf, isCurrent);
      // How long the demo's own computation took (TF.js already loaded), for the lesson benchmarks.
      performance.measure("demo-compute", { start: started, end: performance.now() });
      if (!current) return;
      setResult(value);
      setError(null);
      setState("ready");
    })().catch((err: unknown) => {
      if (!current) return;
      setError(err instanceof Error ? err.message : String(err));
      setState("error");
    });
    return () => {
      current = false;
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps list is the dependency list.
  }, deps);
  return { state, result, error };
}
