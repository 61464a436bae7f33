/**
 * Evaluates CommonJS code compiled by the engine (the submission, or an assignment's public tests) inside the
 * runner. `require` answers only the modules the caller provides; each instantiate() gives fresh module state.
 */
import vm from "node:vm";

export type ModuleFactory = (modules: Record<string, unknown>) => Record<string, unknown>;

/** Compiles once; the returned factory evaluates the module body anew on every call. */
export function compileModule(code: string, filename: string): ModuleFactory {
  const body = vm.compileFunction(code, ["exports", "require", "module", "__filename", "__dirname"], { filename });
  return (modules) => {
    const module = { exports: {} as Record<string, unknown> };
    const require = (specifier: string): unknown => {
      if (Object.prototype.hasOwnProperty.call(modules, specifier)) return modules[specifier];
      throw new Error(`Cannot use '${specifier}' here: only ${Object.keys(modules).join(", ")} can be imported`);
    };
    body.call(module.exports, module.exports, require, module, filename, "/");
    return module.exports;
  };
}

/** `name: typeof` for each export, as the engine's ready message reports them. */
export function describeExports(exports: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(exports)) out[key] = typeof exports[key];
  return out;
}
