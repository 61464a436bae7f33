/**
 * The grader version recorded with each result: a hash of everything that decides a score for an assignment —
 * the engine, the runner, the TF.js support code, the assignment's hidden checks and its public files.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : [full];
    });
}

/** 16 hex digits identifying the grader of `slug` as it is on disk now. */
export async function graderVersion(slug: string): Promise<string> {
  const root = process.cwd();
  const dirs = ["graders/engine", "graders/runner", "graders/tf", `graders/${slug}`, `content/assignments/${slug}`];
  const hash = createHash("sha256");
  for (const file of dirs.flatMap((d) => files(path.join(/* turbopackIgnore: true */ root, d))).concat(path.join(root, "graders/registry.ts"))) {
    if (!existsSync(file) || file.endsWith(".md") || file.endsWith(".mdx")) continue;
    hash.update(path.relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}
