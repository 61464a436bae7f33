/**
 * Loads a course's own code on the trusted side: each assignment's hidden checks (hidden/checks.ts) and its task
 * (task.ts). Compiled when first needed with esbuild (bundled from the assignment's folder, so a course needs no
 * node_modules), and cached by the hash of the compiled code. The platform supplies `@unlabeled/sdk`,
 * `@unlabeled/sdk/task`, `@tensorflow/tfjs`, `zod` and Node's built-ins; anything else — the platform's database,
 * another assignment's files — is refused with the file and line of the import.
 */
import "server-only";
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import path from "node:path";
import vm from "node:vm";
import * as tf from "@tensorflow/tfjs";
import * as esbuild from "esbuild";
import { z } from "zod";
import * as sdk from "../sdk/index";
import * as taskSdk from "../sdk/task";
import { AssignmentConfigError } from "./errors";

export const PLATFORM_MODULES: Record<string, unknown> = {
  "@unlabeled/sdk": sdk,
  "@unlabeled/sdk/task": taskSdk,
  "@tensorflow/tfjs": tf,
  zod: { z, default: z, ...z },
};

const hostRequire = createRequire(path.join(/* turbopackIgnore: true */ process.cwd(), "package.json"));
const compiled = new Map<string, Promise<Record<string, unknown>>>();

/** A file as messages show it: relative inside the platform's folder, else absolute (never `../`). */
function shown(file: string): string {
  const abs = path.resolve(/* turbopackIgnore: true */ process.cwd(), file);
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs;
}

function where(m: esbuild.Message): string {
  // esbuild names files relative to its working directory, which may be "../course/…" for a course elsewhere.
  return m.location ? `${shown(m.location.file)}:${m.location.line}:${m.location.column + 1}: ` : "";
}

const bundles = new Map<string, { code: string; inputs: string[]; stamps: number[] }>();

function stamp(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** The bundle of `entry`, rebuilt only when one of its input files changed. */
async function bundle(entry: string, scope: string): Promise<string> {
  const hit = bundles.get(entry);
  if (hit && hit.inputs.every((f, i) => stamp(f) === hit.stamps[i])) return hit.code;
  const built = await build(entry, scope);
  bundles.set(entry, { ...built, stamps: built.inputs.map(stamp) });
  return built.code;
}

/** Bundles `entry` with only its own folder (`scope`) resolvable; returns the CommonJS code and its inputs. */
async function build(entry: string, scope: string): Promise<{ code: string; inputs: string[] }> {
  const allowed = Object.keys(PLATFORM_MODULES);
  const guard: esbuild.Plugin = {
    name: "course-imports",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point") return undefined;
        if (allowed.includes(args.path) || isBuiltin(args.path)) return { path: args.path, external: true };
        if (args.path.startsWith(".")) {
          const target = path.resolve(args.resolveDir, args.path);
          if (target === scope || target.startsWith(scope + path.sep)) return undefined;
          return { errors: [{ text: `cannot import '${args.path}': course code may import only files of its own assignment folder (${shown(scope)})` }] };
        }
        return { errors: [{ text: `cannot import '${args.path}': course code may import only ${allowed.join(", ")}, Node's built-in modules and files of its own assignment folder` }] };
      });
    },
  };
  try {
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      platform: "node",
      format: "cjs",
      target: "node20",
      sourcemap: "inline",
      metafile: true,
      logLevel: "silent",
      plugins: [guard],
    });
    return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs).map((f) => path.resolve(f)) };
  } catch (err) {
    const errors = (err as esbuild.BuildFailure).errors;
    if (!Array.isArray(errors)) throw err;
    throw new AssignmentConfigError(errors.slice(0, 5).map((m) => `${where(m)}${m.text}`).join("\n"));
  }
}

function evaluate(code: string, filename: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const require = (id: string): unknown => {
    if (Object.hasOwn(PLATFORM_MODULES, id)) return PLATFORM_MODULES[id];
    if (isBuiltin(id)) return hostRequire(id);
    throw new Error(`cannot require '${id}' here`);
  };
  try {
    const fn = vm.compileFunction(code, ["exports", "require", "module", "__filename", "__dirname"], { filename });
    fn(module.exports, require, module, filename, path.dirname(filename));
  } catch (err) {
    throw new AssignmentConfigError(`${shown(filename)} threw while loading: ${err instanceof Error ? err.message : String(err)}`);
  }
  return module.exports;
}

/** The exports of a course module (hidden/checks.ts, task.ts), compiled and evaluated once per content. */
export async function loadCourseModule(file: string, scope: string): Promise<Record<string, unknown>> {
  if (!existsSync(file)) throw new AssignmentConfigError(`${shown(file)}: file not found`);
  const code = await bundle(file, scope);
  const key = createHash("sha256").update(file).update("\0").update(code).digest("hex");
  let hit = compiled.get(key);
  if (!hit) {
    hit = Promise.resolve().then(() => evaluate(code, file));
    compiled.set(key, hit);
    hit.catch(() => compiled.delete(key));
  }
  return hit;
}
