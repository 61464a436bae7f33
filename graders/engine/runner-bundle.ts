/**
 * Bundles a sandbox entry (graders/runner/main.ts with the course's tasks, the compiler graders/compiler/main.ts, or
 * the course-check host graders/course-host/main.ts) into one CommonJS file
 * with esbuild, in memory, on first use and again whenever one of its source files changes. Packages named
 * external (TF.js for the runner, esbuild for the compiler) stay outside the bundle: the sandbox binds them
 * read-only from node_modules. The bundles never touch a hidden grader folder (a test asserts it).
 */
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { isBuiltin } from "node:module";
import path from "node:path";
import * as esbuild from "esbuild";
import { courseTaskFiles } from "./assignments";
import { GraderInfraError } from "./errors";

export interface RunnerBundle {
  /** Which sandbox program this is. */
  name: SandboxProgram;
  code: string;
  /** sha256 of the code, first 16 hex digits. */
  hash: string;
  /** Packages the bundle requires at run time (e.g. @tensorflow/tfjs). */
  packages: string[];
  /** Source files (absolute paths) that went into the bundle. */
  inputs: string[];
}

export type SandboxProgram = "runner" | "compiler" | "course-host";

const PROGRAMS: Record<SandboxProgram, { entry: string; external: string[]; loaded?: string[] }> = {
  runner: { entry: "graders/runner/main.ts", external: ["@tensorflow/*"] },
  compiler: { entry: "graders/compiler/main.ts", external: ["esbuild"] },
  // The SDK's MNIST loader requires the package by a computed name (graders/tf/resolve.ts).
  "course-host": { entry: "graders/course-host/main.ts", external: ["@tensorflow/*"], loaded: ["mnist"] },
};

/** In the course host, the SDK's publicTestsCheck compiles through the engine (the host starts no process). */
function hostPlugins(root: string, name: SandboxProgram): esbuild.Plugin[] {
  if (name !== "course-host") return [];
  const upcall = path.join(root, "graders/course-host/compile-upcall.ts");
  return [
    {
      name: "course-host-compile",
      setup(b) {
        b.onResolve({ filter: /^\.\/compile$/ }, (args) => (args.importer.endsWith(path.join("engine", "public-tests.ts")) ? { path: upcall } : undefined));
      },
    },
  ];
}

/** By `${program}\0${task files}`. */
const cached = new Map<string, { root: string; key: string; bundle: RunnerBundle; stamps: number[] }>();
const building = new Map<string, Promise<RunnerBundle>>();

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

/**
 * The runner's entry: graders/runner/main.ts started with every assignment's task.ts of the served course (their
 * default exports); the compiler's is its main.ts.
 */
function entryOf(root: string, name: SandboxProgram, taskFiles: string[]): Pick<esbuild.BuildOptions, "entryPoints" | "stdin"> {
  const main = path.join(/* turbopackIgnore: true */ root, PROGRAMS[name].entry);
  if (name !== "runner") return { entryPoints: [main] };
  const imports = taskFiles.map((f, i) => `import t${i} from ${JSON.stringify(f)};`).join("\n");
  const list = taskFiles.map((_, i) => `t${i}`).join(", ");
  return { stdin: { contents: `import { startRunner } from ${JSON.stringify(main)};\n${imports}\nstartRunner([${list}]);\n`, resolveDir: root, loader: "ts", sourcefile: "runner-entry.ts" } };
}

async function build(root: string, name: SandboxProgram, taskFiles: string[]): Promise<RunnerBundle> {
  const program = PROGRAMS[name];
  let result: esbuild.BuildResult<{ write: false; metafile: true }>;
  try {
    result = await esbuild.build({
      ...entryOf(root, name, taskFiles),
      absWorkingDir: root,
      // Course task files import the task SDK and zod from the platform, wherever the course folder is.
      alias: { "@unlabeled/sdk/task": path.join(root, "graders/sdk/task.ts") },
      nodePaths: [path.join(root, "node_modules")],
      bundle: true,
      write: false,
      metafile: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      outfile: `${name}.cjs`,
      external: program.external,
      plugins: hostPlugins(root, name),
      // Strict code everywhere in the sandbox: call sites of strict frames never expose their functions or receivers.
      banner: { js: '"use strict";' },
      logLevel: "silent",
    });
  } catch (err) {
    const errors = (err as esbuild.BuildFailure).errors;
    const detail = Array.isArray(errors) ? errors.map((e) => `${e.location?.file ?? ""}:${e.location?.line ?? ""} ${e.text}`).join("; ") : String(err);
    throw new GraderInfraError(`cannot bundle the grading ${name}: ${detail}`);
  }
  const code = result.outputFiles[0]!.text;
  const packages = new Set<string>(program.loaded ?? []);
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imp of input.imports) if (imp.external && !isBuiltin(imp.path)) packages.add(packageName(imp.path));
  }
  return {
    name,
    code,
    hash: createHash("sha256").update(code).digest("hex").slice(0, 16),
    packages: [...packages].sort(),
    inputs: Object.keys(result.metafile.inputs).filter((f) => !f.startsWith("<stdin>")).map((f) => path.resolve(root, f)),
  };
}

/** The bundle of a sandbox program for the repository at process.cwd(), rebuilt when a source file changed. */
export async function getSandboxBundle(name: SandboxProgram): Promise<RunnerBundle> {
  const root = process.cwd();
  const taskFiles = name === "runner" ? courseTaskFiles() : [];
  const key = taskFiles.join("\n");
  // One bundle per program and course package (its task.ts files): a grader may grade several packages
  // (lib/content/course-registry.ts), and a build in flight for one must not answer another.
  const slot = `${name}\0${key}`;
  const hit = cached.get(slot);
  if (hit && hit.root === root && hit.key === key && hit.bundle.inputs.every((f, i) => stamp(f) === hit.stamps[i])) return hit.bundle;
  let pending = building.get(slot);
  if (!pending) {
    pending = build(root, name, taskFiles)
      .then((bundle) => {
        cached.set(slot, { root, key, bundle, stamps: bundle.inputs.map(stamp) });
        return bundle;
      })
      .finally(() => building.delete(slot));
    building.set(slot, pending);
  }
  return pending;
}

/** The runner bundle (graders/runner/main.ts). */
export function getRunnerBundle(): Promise<RunnerBundle> {
  return getSandboxBundle("runner");
}
