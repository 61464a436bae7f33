/** `course check`, lessons: every lesson in course.yaml has a file and every lesson file is in course.yaml. */
import path from "node:path";
import { displayPath, lessonFile, listFiles } from "./content-files";
import type { CourseConfig } from "./course-schema";

/** Structural problems, and the lesson files to render (slug -> file), in course order. */
export async function checkLessonFiles(contentDir: string, course: CourseConfig | null): Promise<{ problems: string[]; files: Map<string, string> }> {
  const problems: string[] = [];
  const existing = await listFiles(path.join(contentDir, "lessons"), ".mdx");
  const courseYaml = displayPath(path.join(contentDir, "course.yaml"));
  const files = new Map<string, string>();
  if (!course) {
    for (const slug of existing) files.set(slug, lessonFile(contentDir, slug));
    return { problems, files };
  }
  const listed = new Set(course.units.flatMap((u) => u.lessons));
  course.units.forEach((unit, u) =>
    unit.lessons.forEach((slug, l) => {
      const file = lessonFile(contentDir, slug);
      if (existing.includes(slug)) files.set(slug, file);
      else problems.push(`${courseYaml}: units.${u}.lessons.${l}: lesson '${slug}' has no file ${displayPath(file)}`);
    }),
  );
  for (const slug of existing) {
    if (!listed.has(slug)) problems.push(`${displayPath(lessonFile(contentDir, slug))}: not listed in ${courseYaml} (add it to a unit's lessons)`);
  }
  return { problems, files };
}
