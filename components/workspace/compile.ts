/**
 * Compiles the editor's models to CommonJS with Monaco's own TypeScript service (already running for the
 * diagnostics), so the browser needs no second compiler. Types do not block a run, as on the server; syntax
 * errors do. (Type errors are the editor's own markers; waiting for a full type-check here would slow every run.)
 */
import type * as MonacoApi from "monaco-editor/editor/editor.api.js";
import type { Monaco } from "./monaco-loader";
import type { CompiledFile } from "./test-protocol";

export interface CompileResult {
  ok: boolean;
  file: CompiledFile;
  /** Syntax errors (1-based positions); a non-empty list means ok is false. */
  syntaxErrors: { line: number; column: number; message: string }[];
}

function flatten(messageText: string | { messageText: string; next?: unknown[] }): string {
  return typeof messageText === "string" ? messageText : messageText.messageText;
}

export async function compileModel(monaco: Monaco, model: MonacoApi.editor.ITextModel): Promise<CompileResult> {
  const getWorker = await monaco.typescript.getTypeScriptWorker();
  const worker = await getWorker(model.uri);
  const name = model.uri.toString();
  const [syntactic, emitted] = await Promise.all([worker.getSyntacticDiagnostics(name), worker.getEmitOutput(name)]);
  const syntaxErrors = syntactic.map((d) => {
    const pos = model.getPositionAt(d.start ?? 0);
    return { line: pos.lineNumber, column: pos.column, message: flatten(d.messageText as never) };
  });
  const js = emitted.outputFiles.find((f) => f.name.endsWith(".js"));
  const map = emitted.outputFiles.find((f) => f.name.endsWith(".js.map"));
  const file: CompiledFile = { code: js?.text ?? "", map: map?.text ?? null };
  return { ok: syntaxErrors.length === 0 && !!js, file, syntaxErrors };
}
