/**
 * Compiles a course's own code on the trusted side: each assignment's hidden checks (hidden/checks.ts) and its task
 * (task.ts), bundled with esbuild from the assignment's folder (so a course needs no node_modules). esbuild reads
 * and transforms; nothing of the course runs in this process. The platform supplies `@unlabeled/sdk`,
 * `@unlabeled/sdk/task`, `@tensorflow/tfjs`, `zod` and Node's built-ins at run time, in the course-check host;
 * any other import — the platform's database, another assignment's files — is refused with the file and line.
 */
import "server-only";
import { existsSync, statSync } from "node:fs";
import { isBuiltin } from "node:module";
import path from "node:path";
import * as esbuild from "esbuild";
import { AssignmentConfigError } from "./errors";

/** What course code may import besides its own folder and Node's built-ins (the course host supplies them). */
export const PLATFORM_MODULE_NAMES = ["@unlabeled/sdk", "@unlabeled/sdk/task", "@tensorflow/tfjs", "zod"] as const;

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
  const allowed: readonly string[] = PLATFORM_MODULE_NAMES;
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

/**
 * The CommonJS bundle of a course module (hidden/checks.ts, task.ts), rebuilt when one of its files changed. It is
 * never evaluated here: the course-check host (course-host.ts) runs it, sandboxed, with only its course in view.
 */
export async function bundleCourseModule(file: string, scope: string): Promise<string> {
  if (!existsSync(file)) throw new AssignmentConfigError(`${shown(file)}: file not found`);
  return bundle(file, scope);
}
