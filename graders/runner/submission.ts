/**
 * Evaluates CommonJS code compiled by the engine (the submission, or an assignment's public tests) inside the
 * runner. The code is compiled as a function whose parameters shadow every global of the runner (student-scope.ts),
 * `require` answers only the modules the caller provides, and each instantiate() gives fresh module state.
 */
import vm from "node:vm";
import type { StudentScope } from "./student-scope";

export type ModuleFactory = (modules: Record<string, unknown>) => Record<string, unknown>;

const MODULE_PARAMS = ["exports", "require", "module", "__filename", "__dirname"];

/** Compiles once; the returned factory evaluates the module body anew on every call. */
export function compileModule(code: string, filename: string, scope: StudentScope): ModuleFactory {
  const body = vm.compileFunction(code, [...MODULE_PARAMS, ...scope.names], { filename });
  return (modules) => {
    const module = { exports: {} as Record<string, unknown> };
    const require = (specifier: string): unknown => {
      if (typeof specifier === "string" && Object.prototype.hasOwnProperty.call(modules, specifier)) return modules[specifier];
      throw new Error(`Cannot use '${String(specifier)}' here: only ${Object.keys(modules).join(", ")} can be imported`);
    };
    body.call(module.exports, module.exports, require, module, filename, "/", ...scope.values);
    return module.exports;
  };
}

/** `name: typeof` for each export, as the engine's ready message reports them. */
export function describeExports(exports: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(exports)) out[key] = typeof exports[key];
  return out;
}
