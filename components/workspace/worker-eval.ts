/**
 * Evaluates CommonJS code compiled in the browser inside the public-test worker, the way the grader's runner does
 * (graders/runner/submission.ts): `require` answers only the modules given, and every evaluation is a fresh
 * module instance. The function header shares line 1 with the code, so stack positions in `filename` are the
 * emitted code's own; the source map then leads back to the TypeScript line.
 */
import { mapPositions, parseSourceMap, type SourceMapLookup } from "./source-map";
import type { CompiledFile } from "./test-protocol";

export const STARTER_JS = "starter.js";
export const STARTER_TS = "starter.ts";

export function evaluateModule(
  file: CompiledFile,
  filename: string,
  modules: Record<string, unknown>,
): Record<string, unknown> {
  const wrapped = `(function (exports, require, module) {${file.code}\n})\n//# sourceURL=${filename}`;
  // Indirect eval: global scope, nothing of this module's scope is visible to student code.
  // biome-ignore lint/security/noGlobalEval: this worker exists to run the student's compiled code, as the runner does.
  const indirectEval = eval;
  const body = indirectEval(wrapped) as (
    exports: unknown,
    require: (s: string) => unknown,
    module: { exports: unknown },
  ) => void;
  const module = { exports: {} as Record<string, unknown> };
  const require = (specifier: string): unknown => {
    if (Object.hasOwn(modules, specifier)) return modules[specifier];
    throw new Error(
      `Cannot import '${specifier}' here: only ${Object.keys(modules)
        .map((m) => `'${m}'`)
        .join(", ")} can be imported`,
    );
  };
  body.call(module.exports, module.exports, require, module);
  return module.exports;
}

export function starterMap(file: CompiledFile): SourceMapLookup | null {
  if (!file.map) return null;
  try {
    return parseSourceMap(file.map);
  } catch {
    return null;
  }
}

/** The innermost frame of `err`'s stack inside the student's code, as a starter.ts position. */
export function starterLocation(
  err: unknown,
  map: SourceMapLookup | null,
): { line: number; column: number } | undefined {
  let stack = "";
  try {
    stack = err instanceof Error && typeof err.stack === "string" ? err.stack : "";
  } catch {
    return undefined;
  }
  const m = new RegExp(`${STARTER_JS.replace(".", "\\.")}:(\\d+):(\\d+)`).exec(stack);
  if (!m) return undefined;
  const pos = map?.original(Number(m[1]), Number(m[2]));
  return pos ?? undefined;
}

export function describe(err: unknown, map: SourceMapLookup | null): string {
  try {
    const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return mapPositions(text, STARTER_JS, STARTER_TS, map);
  } catch {
    return "threw a value that cannot be inspected";
  }
}
