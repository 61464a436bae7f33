/**
 * Reading and validating content files (course.yaml, assignment.yaml). Plain Node, no Next runtime, so the
 * `course check` command shares it with the site. Every problem names its file (relative to the working
 * directory) and field.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { assignmentSchema, formatIssues, type AssignmentConfig } from "./assignment-schema";
import { courseSchema, type CourseConfig } from "./course-schema";

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** The path shown in messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

export async function readTextFile(file: string): Promise<Parsed<string>> {
  try {
    return { ok: true, value: await readFile(file, "utf8") };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "file not found" : `cannot read (${code ?? String(err)})`;
    return { ok: false, problems: [`${displayPath(file)}: ${why}`] };
  }
}

/** Parses YAML text and validates it; YAML syntax errors name the line and column. */
export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S): Parsed<z.infer<S>> {
  const shown = displayPath(file);
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const message = e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
        return `${shown}: ${pos ? `line ${pos.line}, column ${pos.col}` : "(yaml)"}: ${message}`;
      }),
    };
  }
  const result = schema.safeParse(doc.toJS());
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: formatIssues(shown, result.error) };
}

export function courseFile(contentDir: string): string {
  return path.join(contentDir, "course.yaml");
}

export function lessonFile(contentDir: string, slug: string): string {
  return path.join(contentDir, "lessons", `${slug}.mdx`);
}

export function assignmentDir(contentDir: string, slug: string): string {
  return path.join(contentDir, "assignments", slug);
}

export async function readCourseFile(contentDir: string): Promise<Parsed<CourseConfig>> {
  const file = courseFile(contentDir);
  const text = await readTextFile(file);
  if (!text.ok) return text;
  const parsed = parseYaml(file, text.value, courseSchema);
  if (!parsed.ok) return parsed;
  const problems: string[] = [];
  const seen = new Map<string, number>();
  parsed.value.units.forEach((unit, u) =>
    unit.lessons.forEach((slug, l) => {
      if (seen.has(slug)) {
        problems.push(`${displayPath(file)}: units.${u}.lessons.${l}: lesson '${slug}' is listed twice`);
      }
      seen.set(slug, u);
    }),
  );
  return problems.length ? { ok: false, problems } : parsed;
}

/** assignment.yaml, validated, with its lesson taken from course.yaml's `assignments:` map when it names none. */
export async function readAssignmentFile(contentDir: string, slug: string): Promise<Parsed<AssignmentConfig>> {
  const file = path.join(assignmentDir(contentDir, slug), "assignment.yaml");
  const text = await readTextFile(file);
  if (!text.ok) return text;
  const parsed = parseYaml(file, text.value, assignmentSchema);
  if (!parsed.ok) return parsed;
  const { lesson, ...rest } = parsed.value;
  if (lesson !== undefined) return { ok: true, value: { ...rest, lesson } };
  const course = await readCourseFile(contentDir);
  // A broken course.yaml is reported by whoever loads it (once); the lesson is unknown until it is fixed.
  if (!course.ok) return { ok: true, value: { ...rest, lesson: "" } };
  const mapped = course.value.assignments[slug];
  if (mapped === undefined) {
    return { ok: false, problems: [`${displayPath(file)}: lesson: ${displayPath(courseFile(contentDir))} lists no lesson for '${slug}' under assignments (add "${slug}: <lesson>")`] };
  }
  return { ok: true, value: { ...rest, lesson: mapped } };
}

/** Names of the sub-folders of a folder, sorted; none when the folder does not exist. */
export async function listDirs(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}

/** Names of the files in a folder with the given extension, without it, sorted. */
export async function listFiles(dir: string, ext: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && e.name.endsWith(ext))
      .map((e) => e.name.slice(0, -ext.length))
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}
