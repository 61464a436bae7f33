/** Lessons (content/lessons/<slug>.mdx) for the site: the list in course order and one compiled lesson. */
import "server-only";
import type { ReactNode } from "react";
import { ContentError } from "./content-error";
import { lessonFile, readTextFile } from "./content-files";
import { contentRoot, loadCourse } from "./course";
import { parseLessonFrontmatter } from "./frontmatter";
import { lessonFrontmatterSchema, type LessonMeta, type TocEntry } from "./lesson-schema";
import { compileMdxFile } from "./mdx-compiler";

export type { LessonMeta, TocEntry } from "./lesson-schema";
export { listAssignments, type AssignmentEntry } from "./assignments";

export interface Lesson {
  meta: LessonMeta;
  content: ReactNode;
  toc: TocEntry[];
}

/** Every lesson listed in course.yaml, in course order. Throws ContentError for a missing or invalid file. */
export async function listLessons(contentDir: string = contentRoot()): Promise<LessonMeta[]> {
  const course = await loadCourse(contentDir);
  const entries = course.units.flatMap((unit) => unit.lessons.map((slug) => ({ slug, unit: unit.title })));
  const results = await Promise.all(
    entries.map(async ({ slug, unit }) => {
      const file = lessonFile(contentDir, slug);
      const text = await readTextFile(file);
      if (!text.ok) return text;
      const fm = parseLessonFrontmatter(file, text.value);
      if (!fm.ok) return fm;
      const meta: LessonMeta = { slug, title: fm.value.title, summary: fm.value.summary, unit };
      if (fm.value.minutes !== undefined) meta.minutes = fm.value.minutes;
      return { ok: true as const, value: meta };
    }),
  );
  const problems = results.flatMap((r) => (r.ok ? [] : r.problems));
  if (problems.length) throw new ContentError(problems);
  return results.map((r) => (r as { ok: true; value: LessonMeta }).value);
}

/** One lesson compiled to React, with its table of contents; null when the slug is not in course.yaml. */
export async function getLesson(slug: string, contentDir: string = contentRoot()): Promise<Lesson | null> {
  const meta = (await listLessons(contentDir)).find((l) => l.slug === slug);
  if (!meta) return null;
  const file = lessonFile(contentDir, slug);
  const text = await readTextFile(file);
  if (!text.ok) throw new ContentError(text.problems);
  const compiled = await compileMdxFile(file, text.value, lessonFrontmatterSchema);
  if (!compiled.ok) throw new ContentError(compiled.problems);
  return { meta, content: compiled.value.content, toc: compiled.value.toc };
}
