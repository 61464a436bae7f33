/**
 * Package resolution that works under tsx, plain Node and inside a Next.js server bundle: a require rooted at the
 * working directory (the app and scripts run from the repository root), then the module's own require where the
 * runtime has one. Bundlers cannot see these computed requires, so optional packages stay optional.
 */
import { createRequire } from "node:module";
import path from "node:path";

function requires(): NodeJS.Require[] {
  const list = [createRequire(path.join(process.cwd(), "__unlabeled_resolver__.js"))];
  if (typeof require === "function") list.push(require);
  return list;
}

/** Absolute path of a package file, or null when it cannot be resolved. */
export function resolvePackagePath(specifier: string): string | null {
  for (const req of requires()) {
    try {
      // Inside a bundle, require.resolve may answer a module id instead of a path.
      const resolved: unknown = req.resolve(specifier);
      if (typeof resolved === "string" && path.isAbsolute(resolved)) return resolved;
    } catch {
      // try the next location
    }
  }
  return null;
}

/** Loads a CommonJS package (or JSON file) by absolute path resolution; throws a clear error when missing. */
export function requirePackage<T>(specifier: string): T {
  const resolved = resolvePackagePath(specifier);
  if (!resolved) throw new Error(`cannot resolve '${specifier}' from ${process.cwd()}; is it installed?`);
  return createRequire(resolved)(resolved) as T;
}
