/**
 * Compiles a submission (TypeScript, one file) to CommonJS with esbuild. Imports are limited to the modules the
 * runner provides; a syntax error or a forbidden import is a compile error with line and column. Types are not
 * checked here (the editor does that); code that runs is graded.
 */
import * as esbuild from "esbuild";
import { SUBMISSION_JS } from "../runner/protocol-types";

export const MAX_SOURCE_BYTES = 256 * 1024;
export const SUBMISSION_IMPORTS = ["@tensorflow/tfjs"] as const;

export interface CompiledModule {
  code: string;
  /** The source map (JSON) from the compiled code back to the TypeScript source. */
  map: string;
}

export type CompileOutcome = { ok: true; module: CompiledModule } | { ok: false; message: string };

function formatMessage(m: esbuild.Message, file: string): string {
  const where = m.location ? `${m.location.file || file}:${m.location.line}:${m.location.column + 1}` : file;
  const excerpt = m.location?.lineText ? `\n    ${m.location.lineText.trim()}` : "";
  return `${where}: ${m.text}${excerpt}`;
}

/**
 * Compiles `source`. `filename` names it in messages (submission.ts); `imports` are the specifiers it may import,
 * which the runner supplies at run time.
 */
export async function compileTypeScript(
  source: string,
  opts: { filename?: string; imports?: readonly string[] } = {},
): Promise<CompileOutcome> {
  const filename = opts.filename ?? "submission.ts";
  const allowed = new Set<string>(opts.imports ?? SUBMISSION_IMPORTS);
  if (Buffer.byteLength(source) > MAX_SOURCE_BYTES) {
    return { ok: false, message: `${filename} is larger than ${MAX_SOURCE_BYTES / 1024} KiB` };
  }
  const guard: esbuild.Plugin = {
    name: "allowed-imports",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (allowed.has(args.path)) return { path: args.path, external: true };
        const list = [...allowed].map((s) => `'${s}'`).join(", ");
        return { errors: [{ text: `cannot import '${args.path}': only ${list} can be imported here` }] };
      });
    },
  };
  try {
    const result = await esbuild.build({
      stdin: { contents: source, loader: "ts", sourcefile: filename },
      bundle: true,
      write: false,
      format: "cjs",
      platform: "neutral",
      target: "es2022",
      outfile: SUBMISSION_JS,
      sourcemap: "external",
      sourcesContent: false,
      logLevel: "silent",
      plugins: [guard],
    });
    const code = result.outputFiles.find((f) => f.path.endsWith(".js"))?.text ?? "";
    const map = result.outputFiles.find((f) => f.path.endsWith(".map"))?.text ?? "";
    return { ok: true, module: { code, map } };
  } catch (err) {
    const failure = err as esbuild.BuildFailure;
    if (!Array.isArray(failure.errors)) throw err;
    const lines = failure.errors.slice(0, 5).map((m) => formatMessage(m, filename));
    const more = failure.errors.length > 5 ? `\n… and ${failure.errors.length - 5} more errors` : "";
    return { ok: false, message: lines.join("\n") + more };
  }
}
