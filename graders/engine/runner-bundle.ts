/**
 * Bundles graders/runner/main.ts (with graders/tf) into one CommonJS file with esbuild, in memory, on first use
 * and again whenever one of its source files changes. Packages under @tensorflow stay external: the sandbox binds
 * them read-only from node_modules. The bundle never touches graders/<slug>/ (a test asserts it).
 */
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { isBuiltin } from "node:module";
import path from "node:path";
import * as esbuild from "esbuild";
import { GraderInfraError } from "./errors";

export interface RunnerBundle {
  code: string;
  /** sha256 of the code, first 16 hex digits. */
  hash: string;
  /** Packages the bundle requires at run time (e.g. @tensorflow/tfjs). */
  packages: string[];
  /** Source files (absolute paths) that went into the bundle. */
  inputs: string[];
}

let cached: { root: string; bundle: RunnerBundle; stamps: number[] } | null = null;
let building: Promise<RunnerBundle> | null = null;

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

function stamp(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

async function build(root: string): Promise<RunnerBundle> {
  let result: esbuild.BuildResult<{ write: false; metafile: true }>;
  try {
    result = await esbuild.build({
      entryPoints: [path.join(root, "graders/runner/main.ts")],
      absWorkingDir: root,
      bundle: true,
      write: false,
      metafile: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      outfile: "runner.cjs",
      external: ["@tensorflow/*"],
      logLevel: "silent",
    });
  } catch (err) {
    const errors = (err as esbuild.BuildFailure).errors;
    const detail = Array.isArray(errors) ? errors.map((e) => `${e.location?.file ?? ""}:${e.location?.line ?? ""} ${e.text}`).join("; ") : String(err);
    throw new GraderInfraError(`cannot bundle the grading runner: ${detail}`);
  }
  const code = result.outputFiles[0]!.text;
  const packages = new Set<string>();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imp of input.imports) if (imp.external && !isBuiltin(imp.path)) packages.add(packageName(imp.path));
  }
  return {
    code,
    hash: createHash("sha256").update(code).digest("hex").slice(0, 16),
    packages: [...packages].sort(),
    inputs: Object.keys(result.metafile.inputs).map((f) => path.resolve(root, f)),
  };
}

/** The runner bundle for the repository at process.cwd(), rebuilt when a source file changed. */
export async function getRunnerBundle(): Promise<RunnerBundle> {
  const root = process.cwd();
  if (cached && cached.root === root && cached.bundle.inputs.every((f, i) => stamp(f) === cached!.stamps[i])) return cached.bundle;
  building ??= build(root)
    .then((bundle) => {
      cached = { root, bundle, stamps: bundle.inputs.map(stamp) };
      return bundle;
    })
    .finally(() => {
      building = null;
    });
  return building;
}
