/**
 * Loads Monaco from this site's own bundle (never a CDN), wires its web workers through the bundler, and sets up
 * the TypeScript service for assignments: strict checks, CommonJS output (what the public-test worker evaluates),
 * and the real @tensorflow/tfjs type definitions from /tfjs/typings.json (copied by scripts/copy-browser-assets.ts).
 */
export type Monaco = typeof import("./monaco-entry");

let monacoPromise: Promise<Monaco> | null = null;
let typingsPromise: Promise<number> | null = null;

type WorkerEnv = { MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker } };

function installWorkers(): void {
  (self as unknown as WorkerEnv).MonacoEnvironment = {
    getWorker(_workerId, label) {
      if (label === "typescript" || label === "javascript") {
        return new Worker(new URL("monaco-editor/language/typescript/ts.worker.js", import.meta.url), {
          type: "module",
        });
      }
      return new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), { type: "module" });
    },
  };
}

function configureTypeScript(monaco: Monaco): void {
  const ts = monaco.typescript;
  ts.typescriptDefaults.setCompilerOptions({
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    lib: ["es2020", "dom"],
    strict: true,
    noImplicitOverride: true,
    esModuleInterop: false,
    skipLibCheck: true,
    sourceMap: true,
    noEmitOnError: false,
    allowNonTsExtensions: true,
    baseUrl: "file:///",
  });
  ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
  ts.typescriptDefaults.setEagerModelSync(true);
}

/**
 * The editor themes: Monaco's own, except that vs-dark's comment green (#608b4e, 4.2:1 on #1e1e1e) is below the
 * 4.5:1 of WCAG 1.4.3; ours is 6:1.
 */
function defineThemes(monaco: Monaco): void {
  monaco.editor.defineTheme("unlabeled-dark", {
    base: "vs-dark",
    inherit: true,
    rules: [{ token: "comment", foreground: "7ca668" }],
    colors: {},
  });
}

/** Monaco's theme for a colour scheme. */
export function themeFor(scheme: "light" | "dark"): string {
  return scheme === "dark" ? "unlabeled-dark" : "vs";
}

/** The theme for the reader's colour scheme now. */
export function editorTheme(): string {
  return themeFor(
    typeof window !== "undefined" && window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light",
  );
}

export function loadMonaco(): Promise<Monaco> {
  if (!monacoPromise) {
    monacoPromise = (async () => {
      installWorkers();
      const monaco = await import("./monaco-entry");
      configureTypeScript(monaco);
      defineThemes(monaco);
      return monaco;
    })();
    monacoPromise.catch(() => {
      monacoPromise = null;
    });
  }
  return monacoPromise;
}

/** Fetches the TF.js and test-API typings once and hands them to the TypeScript service; resolves to the file count. */
export function loadTypings(monaco: Monaco): Promise<number> {
  if (!typingsPromise) {
    typingsPromise = (async () => {
      const response = await fetch("/tfjs/typings.json");
      if (!response.ok) throw new Error(`the TensorFlow.js type definitions did not load (HTTP ${response.status})`);
      const { files } = (await response.json()) as { files: { path: string; content: string }[] };
      monaco.typescript.typescriptDefaults.setExtraLibs(files.map((f) => ({ content: f.content, filePath: f.path })));
      return files.length;
    })();
    typingsPromise.catch(() => {
      typingsPromise = null;
    });
  }
  return typingsPromise;
}
