/**
 * Evaluating a course's compiled modules (hidden/checks.ts and the course's task.ts files) inside the course host.
 * The platform supplies `@unlabeled/sdk`, `@unlabeled/sdk/task`, `@tensorflow/tfjs` and `zod`; Node's built-ins
 * are there too, but the host's walls (bubblewrap, rlimits, the permission model, an empty environment) leave them
 * nothing outside this course's folder to reach.
 */
import { createRequire, isBuiltin } from "node:module";
import path from "node:path";
import vm from "node:vm";
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import * as sdk from "../sdk/index";
import * as taskSdk from "../sdk/task";

const PLATFORM_MODULES: Record<string, unknown> = {
  "@unlabeled/sdk": sdk,
  "@unlabeled/sdk/task": taskSdk,
  "@tensorflow/tfjs": tf,
  zod: { z, default: z, ...z },
};

const builtins = createRequire(__filename);

/** Thrown for a module that does not load: the course's authoring error. */
export class CourseConfigError extends Error {}

export function evaluateCourseModule(code: string, filename: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const require = (id: string): unknown => {
    if (Object.hasOwn(PLATFORM_MODULES, id)) return PLATFORM_MODULES[id];
    if (isBuiltin(id)) return builtins(id);
    throw new Error(`cannot require '${id}' here`);
  };
  try {
    const fn = vm.compileFunction(code, ["exports", "require", "module", "__filename", "__dirname"], { filename });
    fn(module.exports, require, module, filename, path.dirname(filename));
  } catch (err) {
    throw new CourseConfigError(`${filename} threw while loading: ${err instanceof Error ? err.message : String(err)}`);
  }
  return module.exports;
}
