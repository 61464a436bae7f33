/**
 * Reads the check ids a grader defines, for `course check`. The grading engine registers graders in
 * graders/registry.ts as `graderRegistry: Record<slug, () => Promise<ChecksModule>>`, where a ChecksModule
 * exports `checks: { id: string }[]` (see graders/engine/check.ts).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { displayPath } from "./content-files";

export type GraderIds = { ok: true; ids: string[]; where: string } | { ok: false; problem: string };

type Loader = () => Promise<unknown>;

function message(err: unknown): string {
  return err instanceof Error ? err.message.split("\n")[0]! : String(err);
}

/** Check ids from a loaded checks module: its `checks` export, an array of objects with a string `id`. */
export function extractCheckIds(loaded: unknown): string[] | null {
  const checks = (loaded as { checks?: unknown } | null)?.checks;
  if (!Array.isArray(checks)) return null;
  const ids = checks.map((c) => (c as { id?: unknown } | null)?.id);
  return ids.every((id): id is string => typeof id === "string") ? ids : null;
}

const registries = new Map<string, Promise<Record<string, Loader> | string>>();

async function loadRegistry(gradersDir: string): Promise<Record<string, Loader> | string> {
  const file = path.join(gradersDir, "registry.ts");
  const shown = displayPath(file);
  if (!existsSync(file)) return `${shown} not found`;
  let cached = registries.get(file);
  if (!cached) {
    cached = import(pathToFileURL(file).href).then(
      (mod: { graderRegistry?: unknown }) => {
        const reg = mod.graderRegistry;
        const valid = reg && typeof reg === "object" && Object.values(reg).every((v) => typeof v === "function");
        return valid ? (reg as Record<string, Loader>) : `${shown} does not export graderRegistry (slug → () => import of the checks module)`;
      },
      (err: unknown) => `${shown} cannot be loaded: ${message(err)}`,
    );
    registries.set(file, cached);
  }
  return cached;
}

export async function graderCheckIds(gradersDir: string, slug: string): Promise<GraderIds> {
  const registry = await loadRegistry(gradersDir);
  if (typeof registry === "string") return { ok: false, problem: `no grader found for ${slug} (${registry})` };
  const loader = Object.hasOwn(registry, slug) ? registry[slug] : undefined;
  if (!loader) return { ok: false, problem: `no grader found for ${slug} (not in ${displayPath(path.join(gradersDir, "registry.ts"))})` };
  try {
    const ids = extractCheckIds(await loader());
    if (!ids) return { ok: false, problem: `the grader for ${slug} does not export checks with string ids` };
    return { ok: true, ids, where: displayPath(path.join(gradersDir, slug)) };
  } catch (err) {
    return { ok: false, problem: `the grader for ${slug} cannot be loaded: ${message(err)}` };
  }
}
