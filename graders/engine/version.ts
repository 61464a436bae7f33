/**
 * The grader version recorded with each result: a hash of everything that decides a score for an assignment —
 * the engine, the runner, the compiler, the course-check host, the SDK, the TF.js support code, and the assignment's folder in the served
 * course (its public files, task and hidden checks) with every task.ts of the course (the runner bundle holds them all).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { assignmentRoot, courseRoot } from "../../lib/content/course-root";

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
  const course = courseRoot();
  const platform = ["graders/engine", "graders/runner", "graders/compiler", "graders/course-host", "graders/sdk", "graders/tf"].flatMap((d) => files(path.join(/* turbopackIgnore: true */ root, d)));
  const assignments = path.join(course, "assignments");
  const tasks = existsSync(assignments) ? readdirSync(assignments).map((s) => path.join(assignments, s, "task.ts")) : [];
  const own = files(assignmentRoot(slug));
  const hash = createHash("sha256");
  const seen = new Set<string>();
  for (const [base, file] of [...platform.map((f) => [root, f] as const), ...[...own, ...tasks].map((f) => [course, f] as const)]) {
    if (seen.has(file) || !existsSync(file) || file.endsWith(".md") || file.endsWith(".mdx")) continue;
    seen.add(file);
    hash.update(path.relative(base, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}
