/**
 * Compiles one TypeScript file the way the grader runs it, without touching any file system: esbuild's transform
 * API (never a bundle, so no import is resolved and no glob is expanded), then an import check on the JavaScript
 * it produced. Only string-literal specifiers from an allow-list may be imported or required; `import()`,
 * `import.meta` and `require` with a computed argument are refused with the line they are on. Runs inside the
 * compile sandbox (graders/compiler/main.ts) and, in tests, in-process.
 */
import { parse, type Node } from "acorn";
import { SourceMap } from "node:module";

/**
 * The compile sandbox's exit code for "esbuild's service process died mid-compile": it runs as the compiler's child
 * under the same CPU limit, so a source that makes its parser slow ends with the kernel stopping it (SIGXCPU), which
 * esbuild reports as "The service was stopped". The engine reads this code as the compile time limit.
 */
export const PARSER_STOPPED_EXIT = 75;

export interface CompileRequest {
  source: string;
  filename: string;
  /** Specifiers the code may import or require. */
  imports: string[];
}

export type CompileResponse = { ok: true; code: string; map: string } | { ok: false; message: string };

/** The slice of esbuild's API this needs (esbuild is external to the sandbox bundle). */
export interface Transformer {
  transform(source: string, options: Record<string, unknown>): Promise<{ code: string; map: string }>;
}

interface EsbuildMessage {
  text: string;
  location?: { file?: string; line: number; column: number; lineText?: string } | null;
}

const MAX_ERRORS = 5;

function formatMessage(m: EsbuildMessage, file: string): string {
  const where = m.location ? `${m.location.file || file}:${m.location.line}:${m.location.column + 1}` : file;
  const excerpt = m.location?.lineText ? `\n    ${m.location.lineText.trim()}` : "";
  return `${where}: ${m.text}${excerpt}`;
}

function formatErrors(errors: EsbuildMessage[], file: string): string {
  const lines = errors.slice(0, MAX_ERRORS).map((m) => formatMessage(m, file));
  const more = errors.length > MAX_ERRORS ? `\n… and ${errors.length - MAX_ERRORS} more errors` : "";
  return lines.join("\n") + more;
}

type Problem = { at: number; line: number; column: number; text: string };

function stringValue(node: Node | undefined | null): string | null {
  if (!node) return null;
  const n = node as Node & { value?: unknown; expressions?: unknown[]; quasis?: Array<{ value: { cooked: string | null } }> };
  if (n.type === "Literal" && typeof n.value === "string") return n.value;
  if (n.type === "TemplateLiteral" && n.expressions?.length === 0) return n.quasis?.[0]?.value.cooked ?? null;
  return null;
}

/** Every import, export-from, import(), import.meta and require(...) in a parsed ES module, with what is wrong. */
function importProblems(program: Node, allowed: ReadonlySet<string>): Problem[] {
  const list = [...allowed].map((s) => `'${s}'`).join(", ");
  const problems: Problem[] = [];
  const add = (node: Node, text: string) => {
    const loc = (node as Node & { loc?: { start: { line: number; column: number } } }).loc;
    problems.push({ at: node.start, line: loc?.start.line ?? 1, column: loc?.start.column ?? 0, text });
  };
  const checkSpecifier = (node: Node, source: Node | null | undefined, what: string) => {
    const value = stringValue(source);
    if (value === null) add(source ?? node, `${what} needs a string literal naming one of ${list}`);
    else if (!allowed.has(value)) add(source!, `cannot import '${value}': only ${list} can be imported here`);
  };
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as Node & Record<string, unknown>;
    if (typeof n.type !== "string") return;
    switch (n.type) {
      case "ImportDeclaration":
      case "ExportAllDeclaration":
        checkSpecifier(n, n.source as Node, "import");
        break;
      case "ExportNamedDeclaration":
        if (n.source) checkSpecifier(n, n.source as Node, "export … from");
        break;
      case "ImportExpression":
        add(n, `import() is not available while grading: use a static import of ${list}`);
        break;
      case "MetaProperty":
        add(n, "import.meta is not available while grading");
        break;
      case "CallExpression": {
        const callee = n.callee as Node & { name?: string };
        if (callee.type === "Identifier" && callee.name === "require") checkSpecifier(n, (n.arguments as Node[])[0], "require()");
        break;
      }
    }
    for (const key of Object.keys(n)) {
      if (key !== "loc" && key !== "type") visit(n[key]);
    }
  };
  visit(program);
  return problems.sort((a, b) => a.at - b.at);
}

/** Maps a position of the generated module back to the TypeScript source through esbuild's source map. */
function originalPosition(map: SourceMap | null, line: number, column: number): { line: number; column: number } | null {
  const entry = map?.findEntry(line - 1, column) as { originalLine?: number; originalColumn?: number } | undefined;
  if (!entry || entry.originalLine === undefined || entry.originalColumn === undefined) return null;
  return { line: entry.originalLine + 1, column: entry.originalColumn };
}

function describeProblems(problems: Problem[], esm: { code: string; map: string }, req: CompileRequest): string {
  let map: SourceMap | null = null;
  try {
    map = new SourceMap(JSON.parse(esm.map) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    map = null;
  }
  const sourceLines = req.source.split(/\r\n|\r|\n/);
  const messages: EsbuildMessage[] = problems.map((p) => {
    const at = originalPosition(map, p.line, p.column);
    return at
      ? { text: p.text, location: { file: req.filename, line: at.line, column: at.column, lineText: sourceLines[at.line - 1] ?? "" } }
      : { text: p.text, location: null };
  });
  return formatErrors(messages, req.filename);
}

/** Transpiles and checks imports; a syntax error or a refused import is `{ ok: false }` with file:line:column. */
export async function compileSource(esbuild: Transformer, req: CompileRequest): Promise<CompileResponse> {
  const common = { loader: "ts", target: "es2022", sourcefile: req.filename, sourcemap: "external", logLevel: "silent" };
  let esm: { code: string; map: string };
  try {
    esm = await esbuild.transform(req.source, { ...common, format: "esm" });
  } catch (err) {
    const errors = (err as { errors?: EsbuildMessage[] }).errors;
    if (!Array.isArray(errors)) throw err;
    return { ok: false, message: formatErrors(errors, req.filename) };
  }
  let program: Node;
  try {
    program = parse(esm.code, { ecmaVersion: "latest", sourceType: "module", locations: true });
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    if (err instanceof RangeError || /stack/i.test(text)) return { ok: false, message: `${req.filename}: the code is nested too deeply to compile` };
    return { ok: false, message: `${req.filename}: the compiled code could not be analysed (${text})` };
  }
  const problems = importProblems(program, new Set(req.imports));
  if (problems.length) return { ok: false, message: describeProblems(problems, esm, req) };
  try {
    // "use strict" first: student code runs strict, so no function of its reaches the global object through `this`.
    const cjs = await esbuild.transform(req.source, { ...common, format: "cjs", banner: '"use strict";' });
    return { ok: true, code: cjs.code, map: cjs.map };
  } catch (err) {
    const errors = (err as { errors?: EsbuildMessage[] }).errors;
    if (!Array.isArray(errors)) throw err;
    return { ok: false, message: formatErrors(errors, req.filename) };
  }
}
