/**
 * `course check`: validates a course package (course.yaml, lessons, assignments and their hidden checks) and returns
 * every problem as a `file: field: message` line. Plain Node; no Next runtime.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { InspectedAssignment } from "../../graders/engine/inspect-course";
import { checkAssignments } from "./check-assignments";
import { checkLessonFiles } from "./check-lessons";
import { displayPath, readCourseFile } from "./content-files";
import { scanHtml, type ScannedHtml } from "./html-links";
import { checkPageLinks, type SiteIndex } from "./link-rules";
import { renderMdxFiles, type RenderRequest } from "./render-pages";

export interface CheckOptions {
  /** The course package's folder (course.yaml, lessons/, assignments/). */
  contentDir: string;
  /** Where /-rooted asset links must resolve: the course's own public/ when it has one, else the platform's. */
  publicDir?: string;
  /** Silence allowed per course module while its code loads, in ms (default 30 s). */
  loadTimeoutMs?: number;
  /** See AssignmentCheckOptions.sandboxOptional (lib/content/check-assignments.ts). */
  sandboxOptional?: boolean;
}

export interface CheckReport {
  problems: string[];
  units: number;
  /** Lessons that compiled and rendered. */
  lessons: number;
  assignments: string[];
  /** Demo ids found in rendered lessons, with how many lessons use each. */
  demos: Record<string, number>;
  /** Each assignment as the engine loaded it (checks, points), or the problem that stopped it. */
  inspected: InspectedAssignment[];
  /** Why no assignment's hidden checks were loaded (sandboxOptional and no sandbox), else absent. */
  unloaded?: string;
}

export async function checkCourse(options: CheckOptions): Promise<CheckReport> {
  const contentDir = path.resolve(options.contentDir);
  const own = path.join(contentDir, "public");
  const publicDir = path.resolve(options.publicDir ?? (existsSync(own) ? own : path.join(process.cwd(), "public")));
  const problems: string[] = [];
  const parsed = await readCourseFile(contentDir);
  if (!parsed.ok) problems.push(...parsed.problems);
  const course = parsed.ok ? parsed.value : null;
  const lessons = await checkLessonFiles(contentDir, course);
  problems.push(...lessons.problems);
  const assignments = await checkAssignments(contentDir, course, {
    loadTimeoutMs: options.loadTimeoutMs,
    sandboxOptional: options.sandboxOptional,
  });
  problems.push(...assignments.problems);

  const requests: RenderRequest[] = [
    ...[...lessons.files.values()].map((file) => ({ file, kind: "lesson" as const })),
    ...assignments.readmes.map((file) => ({ file, kind: "readme" as const })),
  ];
  const rendered = await renderMdxFiles(requests);
  const pages = new Map<string, ScannedHtml>();
  for (const r of rendered) {
    problems.push(...r.problems);
    if (r.html) pages.set(r.file, scanHtml(r.html));
  }
  const slugOf = new Map([...lessons.files].map(([slug, file]) => [file, slug]));
  const site: SiteIndex = { lessons: new Map(), assignments: new Set(assignments.slugs), publicDir };
  // Every lesson in course.yaml is a page; anchors are known only for the ones that rendered.
  for (const slug of course?.units.flatMap((u) => u.lessons) ?? lessons.files.keys()) site.lessons.set(slug, null);
  for (const [file, scanned] of pages) {
    const slug = slugOf.get(file);
    if (slug) site.lessons.set(slug, scanned.ids);
  }
  for (const [file, scanned] of pages) problems.push(...checkPageLinks(scanned, site).map((p) => `${displayPath(file)}: ${p}`));

  const demos: Record<string, number> = {};
  for (const r of rendered) {
    if (!slugOf.has(r.file)) continue;
    for (const d of new Set([...r.html.matchAll(/data-demo="([^"]+)"/g)].map((m) => m[1]!))) demos[d] = (demos[d] ?? 0) + 1;
  }
  return {
    problems,
    units: course?.units.length ?? 0,
    lessons: [...pages.keys()].filter((f) => slugOf.has(f)).length,
    assignments: assignments.slugs,
    demos,
    inspected: assignments.inspected,
    ...(assignments.unloaded ? { unloaded: assignments.unloaded } : {}),
  };
}
