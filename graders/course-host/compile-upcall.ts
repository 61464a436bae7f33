/**
 * compileTypeScript as the course host sees it (the host bundle replaces graders/engine/compile.ts with this
 * file): the engine compiles in its compile sandbox and answers, since the host itself may start no process.
 */
import { requestCompile } from "./link";

export const SUBMISSION_IMPORTS = ["@tensorflow/tfjs"] as const;

export type CompileOutcome = { ok: true; module: { code: string; map: string } } | { ok: false; message: string };

export async function compileTypeScript(source: string, opts: { filename?: string; imports?: readonly string[] } = {}): Promise<CompileOutcome> {
  const outcome = await requestCompile(source, opts.filename ?? "submission.ts", opts.imports ?? SUBMISSION_IMPORTS);
  return outcome.ok ? { ok: true, module: { code: outcome.code, map: outcome.map } } : outcome;
}
