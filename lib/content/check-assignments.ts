/**
 * `course check`, assignments: every <course>/assignments/<slug>/ has its public files, a valid assignment.yaml that
 * agrees with course.yaml, hidden/checks.ts, and a rubric that the engine's own loader accepts (the one rubric ↔
 * check validator: graders/engine/assignments.ts, run in a child process so a module that throws or never returns
 * cannot take the caller down). Every hidden file must carry an `unlabeled-hidden-` canary for the leak proofs.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { inspectCourse, type InspectedAssignment } from "../../graders/engine/inspect-course";
import { assertSandboxAvailable } from "../../graders/engine/sandbox";
import { assignmentDir, displayPath, listDirs, readAssignmentFile } from "./content-files";
import type { CourseConfig } from "./course-schema";

export const ASSIGNMENT_FILES = ["assignment.yaml", "README.mdx", "starter.ts", "public.test.ts"] as const;

export interface AssignmentCheckOptions {
  /** Silence allowed per course module while loading, in ms (default 30 s). */
  loadTimeoutMs?: number;
  /**
   * A course's code runs only in its course-check host, which needs the grading sandbox. When grading was not asked
   * for (`course check --no-grade`, which publishing uses while grading is unavailable), a missing sandbox leaves the
   * hidden checks unloaded, with that reason in `unloaded`, instead of being a problem of the course.
   */
  sandboxOptional?: boolean;
}

function hiddenFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return hiddenFiles(full);
    return /\.(ts|tsx|js|mjs)$/.test(e.name) ? [full] : [];
  });
}

export async function checkAssignments(
  contentDir: string,
  course: CourseConfig | null,
  opts: AssignmentCheckOptions = {},
): Promise<{ problems: string[]; slugs: string[]; readmes: string[]; inspected: InspectedAssignment[]; unloaded?: string }> {
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
  const loadable: string[] = [];
  for (const slug of slugs) {
    const dir = assignmentDir(contentDir, slug);
    const shownDir = displayPath(dir);
    for (const name of ASSIGNMENT_FILES) {
      if (!existsSync(path.join(dir, name))) problems.push(`${shownDir}: missing ${name}`);
    }
    const checksFile = path.join(dir, "hidden", "checks.ts");
    if (!existsSync(checksFile)) problems.push(`${shownDir}: missing hidden/checks.ts (the assignment's hidden checks: export const checks = [defineCheck(...), ...])`);
    for (const file of hiddenFiles(path.join(dir, "hidden"))) {
      if (!readFileSync(file, "utf8").includes("unlabeled-hidden-")) problems.push(`${displayPath(file)}: carries no 'unlabeled-hidden-' canary (add export const CANARY = "unlabeled-hidden-${slug}-${path.basename(file).replace(/\.\w+$/, "")}"; the leak proofs look for it)`);
    }
    if (course && !(slug in course.assignments)) problems.push(`${shownDir}: not listed under assignments in ${courseYaml}`);
    const yamlFile = displayPath(path.join(dir, "assignment.yaml"));
    let valid = false;
    if (existsSync(path.join(dir, "assignment.yaml"))) {
      const parsed = await readAssignmentFile(contentDir, slug);
      if (!parsed.ok) {
        problems.push(...parsed.problems);
      } else {
        valid = true;
        const config = parsed.value;
        if (course && !lessons.has(config.lesson)) problems.push(`${yamlFile}: lesson: lesson '${config.lesson}' is not in ${courseYaml}`);
        const mapped = course?.assignments[slug];
        if (mapped !== undefined && mapped !== config.lesson) {
          problems.push(`${yamlFile}: lesson: is '${config.lesson}' but ${courseYaml} assigns ${slug} to '${mapped}'`);
        }
      }
    }
    if (valid && existsSync(checksFile)) loadable.push(slug);
    const readme = path.join(dir, "README.mdx");
    if (existsSync(readme)) readmes.push(readme);
  }
  let inspected: InspectedAssignment[] = [];
  if (loadable.length && opts.sandboxOptional) {
    try {
      assertSandboxAvailable();
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return { problems, slugs, readmes, inspected: [], unloaded: `hidden checks not loaded: ${why}` };
    }
  }
  if (loadable.length) {
    const inspection = await inspectCourse(contentDir, loadable, { timeoutMs: opts.loadTimeoutMs });
    if (inspection.tasks) problems.push(inspection.tasks);
    inspected = inspection.assignments;
    for (const a of inspected) if (!a.ok && a.problem !== inspection.tasks) problems.push(a.problem);
  }
  return { problems, slugs, readmes, inspected };
}
