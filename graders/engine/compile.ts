/**
 * Compiles a submission (TypeScript, one file) to CommonJS. The work happens in the compile sandbox
 * (compile-process.ts): esbuild's transform API, which resolves no import and reads no file, then a check that
 * only string-literal imports from the allow-list appear (graders/compiler/analyze.ts). A syntax error, a refused
 * import or a source that needs more than the compile limits is a compile error with file:line:column. Types are
 * not checked here (the editor does that); code that runs is graded.
 */
import { createHash } from "node:crypto";
import { compileInSandbox } from "./compile-process";

export const MAX_SOURCE_BYTES = 256 * 1024;
export const SUBMISSION_IMPORTS = ["@tensorflow/tfjs"] as const;

export interface CompiledModule {
  code: string;
  /** The source map (JSON) from the compiled code back to the TypeScript source. */
  map: string;
}

export type CompileOutcome = { ok: true; module: CompiledModule } | { ok: false; message: string };

/** Recent outcomes by content hash: a resubmission, a regrade or the public tests compile once per process. */
const CACHE_SIZE = 64;
const cache = new Map<string, CompileOutcome>();

function remember(key: string, outcome: CompileOutcome): CompileOutcome {
  cache.delete(key);
  cache.set(key, outcome);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return outcome;
}

/**
 * Compiles `source`. `filename` names it in messages (submission.ts); `imports` are the specifiers it may import,
 * which the runner supplies at run time.
 */
export async function compileTypeScript(
  source: string,
  opts: { filename?: string; imports?: readonly string[]; seconds?: number } = {},
): Promise<CompileOutcome> {
  const filename = opts.filename ?? "submission.ts";
  const imports = [...(opts.imports ?? SUBMISSION_IMPORTS)];
  if (Buffer.byteLength(source) > MAX_SOURCE_BYTES) {
    return { ok: false, message: `${filename} is larger than ${MAX_SOURCE_BYTES / 1024} KiB` };
  }
  const key = createHash("sha256").update(JSON.stringify([filename, imports, opts.seconds ?? null, source])).digest("hex");
  const hit = cache.get(key);
  if (hit) return remember(key, hit);
  const response = await compileInSandbox({ source, filename, imports }, { seconds: opts.seconds });
  if (!response.ok) return remember(key, { ok: false, message: response.message });
  return remember(key, { ok: true, module: { code: response.code, map: response.map } });
}
