/**
 * Puts what the browser needs from node_modules under public/tfjs/ (git-ignored), so nothing loads from a CDN:
 * - tfjs-backend-wasm's .wasm binaries, for `setWasmPaths("/tfjs/")` in the public-test worker;
 * - typings.json: the `@tensorflow/tfjs` type definitions (every .d.ts reachable from its index) and the public
 *   test API's types, which the workspace hands to Monaco's TypeScript service.
 * Monaco's own workers are bundled by Next. Idempotent: a file is written only when its content changed, so a
 * build that already has them sees no new mtimes. Runs from next.config.ts (dev, build, start) and by hand:
 * `tsx scripts/copy-browser-assets.ts`.
 */
import fs from "node:fs";
import path from "node:path";

const TF_SCOPE = "@tensorflow";
const WASM_FILES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"];

export interface TypingsFile {
  /** A Monaco file path, e.g. file:///node_modules/@tensorflow/tfjs-core/dist/index.d.ts */
  path: string;
  content: string;
}

function stripNoise(text: string): string {
  return text
    .replace(/\/\*\*?\s*\n?\s*\*\s*@license[\s\S]*?\*\/\s*/g, "")
    .replace(/^\/\/# sourceMappingURL=.*$/gm, "")
    .trimEnd();
}

function packageTypes(root: string, pkg: string): string | null {
  const file = path.join(root, "node_modules", TF_SCOPE, pkg, "package.json");
  if (!fs.existsSync(file)) return null;
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as { types?: string; typings?: string };
  const types = json.types ?? json.typings;
  return types ? path.join(path.dirname(file), types) : null;
}

const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;

/** Every .d.ts reachable from @tensorflow/tfjs's types, plus one index.d.ts per package, as Monaco paths. */
export function collectTfTypings(root: string): TypingsFile[] {
  const moduleRoot = path.join(root, "node_modules");
  const seen = new Map<string, string>();
  const packages = new Set<string>();
  const resolveSpecifier = (from: string, spec: string): string | null => {
    if (spec.startsWith(".")) {
      const base = path.resolve(path.dirname(from), spec.replace(/\.js$/, ""));
      return [`${base}.d.ts`, path.join(base, "index.d.ts")].find((f) => fs.existsSync(f)) ?? null;
    }
    const m = /^@tensorflow\/([^/]+)(\/.*)?$/.exec(spec);
    if (!m) return null;
    packages.add(m[1]!);
    if (m[2]) return [path.join(moduleRoot, TF_SCOPE, m[1]!, `${m[2]}.d.ts`)].find((f) => fs.existsSync(f)) ?? null;
    return packageTypes(root, m[1]!);
  };
  const entry = packageTypes(root, "tfjs");
  if (!entry) throw new Error("cannot find @tensorflow/tfjs's type definitions: run npm install");
  packages.add("tfjs");
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    const text = fs.readFileSync(file, "utf8");
    seen.set(file, stripNoise(text));
    for (const m of text.matchAll(IMPORT)) {
      const next = resolveSpecifier(file, m[1]!);
      if (next && !seen.has(next)) stack.push(next);
    }
  }
  const toMonaco = (file: string) =>
    `file:///node_modules/${path.relative(moduleRoot, file).split(path.sep).join("/")}`;
  const files = [...seen].map(([file, content]) => ({ path: toMonaco(file), content }));
  for (const pkg of packages) {
    const types = packageTypes(root, pkg);
    if (!types) continue;
    const rel = path
      .relative(path.join(moduleRoot, TF_SCOPE, pkg), types)
      .split(path.sep)
      .join("/")
      .replace(/\.d\.ts$/, "");
    files.push({ path: `file:///node_modules/${TF_SCOPE}/${pkg}/index.d.ts`, content: `export * from "./${rel}";\n` });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** The types of `import { test, expect } from "unlabeled:test"` (graders/runner), for public.test.ts in Monaco. */
export function collectTestApiTypings(root: string): TypingsFile[] {
  const dir = path.join(root, "graders", "runner");
  return [
    { path: "file:///unlabeled/test-api.ts", content: fs.readFileSync(path.join(dir, "test-api.ts"), "utf8") },
    {
      path: "file:///unlabeled/unlabeled-test.d.ts",
      content: fs.readFileSync(path.join(dir, "unlabeled-test.d.ts"), "utf8"),
    },
  ];
}

function writeIfChanged(file: string, content: Buffer | string): boolean {
  const next = typeof content === "string" ? Buffer.from(content) : content;
  try {
    if (fs.readFileSync(file).equals(next)) return false;
  } catch {
    // missing: write it
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, next);
  fs.renameSync(tmp, file);
  return true;
}

/** Copies the assets into <root>/public/tfjs; returns the files it (re)wrote. */
export function copyBrowserAssets(root: string = process.cwd()): string[] {
  const out = path.join(root, "public", "tfjs");
  const written: string[] = [];
  const wasmDir = path.join(root, "node_modules", TF_SCOPE, "tfjs-backend-wasm", "dist");
  for (const name of WASM_FILES) {
    const source = path.join(wasmDir, name);
    if (!fs.existsSync(source)) throw new Error(`missing ${source}: run npm install`);
    if (writeIfChanged(path.join(out, name), fs.readFileSync(source))) written.push(name);
  }
  const typings = { files: [...collectTfTypings(root), ...collectTestApiTypings(root)] };
  if (writeIfChanged(path.join(out, "typings.json"), JSON.stringify(typings))) written.push("typings.json");
  return written;
}

if (process.argv[1] && /copy-browser-assets\.[cm]?[jt]s$/.test(process.argv[1])) {
  const written = copyBrowserAssets();
  console.log(
    written.length ? `[assets] wrote public/tfjs/: ${written.join(", ")}` : "[assets] public/tfjs/ is up to date",
  );
}
