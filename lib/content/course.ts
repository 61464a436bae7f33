/** The course outline (content/course.yaml) for the site. Server-only. */
import "server-only";
import { stat } from "node:fs/promises";
import { ContentError } from "./content-error";
import { courseRoot } from "./course-root";
import { courseFile, readCourseFile } from "./content-files";
import type { CourseConfig } from "./course-schema";

export type { CourseConfig } from "./course-schema";

/** The course folder the site reads: COURSE_DIR, or ./content under the working directory. */
export function contentRoot(): string {
  return courseRoot();
}

const cache = new Map<string, { mtimeMs: number; course: Promise<CourseConfig> }>();

/**
 * Reads and validates content/course.yaml. Cached per file version (re-read when the file changes).
 * Throws ContentError whose lines name the file and field.
 */
export async function loadCourse(contentDir: string = contentRoot()): Promise<CourseConfig> {
  const file = courseFile(contentDir);
  const mtimeMs = await stat(file).then(
    (s) => s.mtimeMs,
    () => -1,
  );
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs && mtimeMs !== -1) return hit.course;
  const course = readCourseFile(contentDir).then((parsed) => {
    if (!parsed.ok) throw new ContentError(parsed.problems);
    return parsed.value;
  });
  cache.set(file, { mtimeMs, course });
  course.catch(() => cache.delete(file));
  return course;
}

/** Lesson slugs in reading order. */
export function courseLessonSlugs(course: CourseConfig): string[] {
  return course.units.flatMap((u) => u.lessons);
}
