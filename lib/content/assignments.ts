/** Assignment configs (content/assignments/<slug>/assignment.yaml) for the site. Server-only. */
import "server-only";
import path from "node:path";
import type { AssignmentConfig } from "./assignment-schema";
import { AppError } from "../errors";
import { ContentError } from "./content-error";
import { listDirs, readAssignmentFile } from "./content-files";
import { contentRoot, courseLessonSlugs, loadCourse } from "./course";

export type { AssignmentConfig } from "./assignment-schema";

export interface AssignmentEntry {
  slug: string;
  config: AssignmentConfig;
}

/**
 * Every folder under content/assignments with its validated assignment.yaml, in the order of the lessons they
 * belong to (then by slug). Throws ContentError naming the file and field of every invalid config.
 */
export async function listAssignments(contentDir: string = contentRoot()): Promise<AssignmentEntry[]> {
  const slugs = await listDirs(path.join(contentDir, "assignments"));
  const parsed = await Promise.all(slugs.map(async (slug) => ({ slug, parsed: await readAssignmentFile(contentDir, slug) })));
  const problems = parsed.flatMap((p) => (p.parsed.ok ? [] : p.parsed.problems));
  if (problems.length) throw new ContentError(problems);
  const order = courseLessonSlugs(await loadCourse(contentDir));
  const rank = (lesson: string) => {
    const i = order.indexOf(lesson);
    return i === -1 ? order.length : i;
  };
  return parsed
    .map((p) => ({ slug: p.slug, config: (p.parsed as { ok: true; value: AssignmentConfig }).value }))
    .sort((a, b) => rank(a.config.lesson) - rank(b.config.lesson) || a.slug.localeCompare(b.slug));
}

/** One published assignment by slug; an unknown slug is not_found (never a new row, never a default). */
export async function requireAssignment(slug: string, contentDir?: string): Promise<AssignmentEntry> {
  const found = (await listAssignments(contentDir)).find((a) => a.slug === slug);
  if (!found) throw new AppError("not_found", `There is no assignment '${slug}'.`);
  return found;
}
