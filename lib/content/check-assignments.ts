/**
 * `course check`, assignments: every content/assignments/<slug>/ has its four files, a valid assignment.yaml that
 * agrees with course.yaml, and a rubric that matches the grader's checks one to one.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { assignmentDir, displayPath, listDirs, readAssignmentFile } from "./content-files";
import type { CourseConfig } from "./course-schema";
import { graderCheckIds } from "./grader-check-ids";

export const ASSIGNMENT_FILES = ["assignment.yaml", "README.mdx", "starter.ts", "public.test.ts"] as const;

export async function checkAssignments(
  contentDir: string,
  gradersDir: string,
  course: CourseConfig | null,
): Promise<{ problems: string[]; slugs: string[]; readmes: string[] }> {
  const problems: string[] = [];
  const readmes: string[] = [];
  const slugs = await listDirs(path.join(contentDir, "assignments"));
  const courseYaml = displayPath(path.join(contentDir, "course.yaml"));
  const lessons = new Set(course?.units.flatMap((u) => u.lessons) ?? []);
  if (course) {
    for (const [slug, lesson] of Object.entries(course.assignments)) {
      if (!slugs.includes(slug)) problems.push(`${courseYaml}: assignments.${slug}: no folder ${displayPath(assignmentDir(contentDir, slug))}`);
      if (!lessons.has(lesson)) problems.push(`${courseYaml}: assignments.${slug}: lesson '${lesson}' is not in any unit`);
    }
  }
  for (const slug of slugs) {
    const dir = assignmentDir(contentDir, slug);
    const shownDir = displayPath(dir);
    for (const name of ASSIGNMENT_FILES) {
      if (!existsSync(path.join(dir, name))) problems.push(`${shownDir}: missing ${name}`);
    }
    if (course && !(slug in course.assignments)) problems.push(`${shownDir}: not listed under assignments in ${courseYaml}`);
    const yamlFile = displayPath(path.join(dir, "assignment.yaml"));
    if (existsSync(path.join(dir, "assignment.yaml"))) {
      const parsed = await readAssignmentFile(contentDir, slug);
      if (!parsed.ok) {
        problems.push(...parsed.problems);
      } else {
        const config = parsed.value;
        if (course && !lessons.has(config.lesson)) problems.push(`${yamlFile}: lesson: lesson '${config.lesson}' is not in ${courseYaml}`);
        const mapped = course?.assignments[slug];
        if (mapped !== undefined && mapped !== config.lesson) {
          problems.push(`${yamlFile}: lesson: is '${config.lesson}' but ${courseYaml} assigns ${slug} to '${mapped}'`);
        }
        const grader = await graderCheckIds(gradersDir, slug);
        if (!grader.ok) {
          problems.push(`${shownDir}: ${grader.problem}`);
        } else {
          const defined = new Set(grader.ids);
          const used = new Set(config.rubric.map((r) => r.check));
          config.rubric.forEach((item, i) => {
            if (!defined.has(item.check)) problems.push(`${yamlFile}: rubric.${i}.check: check '${item.check}' is not defined by the grader in ${grader.where}`);
          });
          for (const id of grader.ids) {
            if (!used.has(id)) problems.push(`${grader.where}: check '${id}' is not in the rubric of ${yamlFile}`);
          }
        }
      }
    }
    const readme = path.join(dir, "README.mdx");
    if (existsSync(readme)) readmes.push(readme);
  }
  return { problems, slugs, readmes };
}
