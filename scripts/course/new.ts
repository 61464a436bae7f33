/**
 * `npm run course -- new course DIR` and `npm run course -- new assignment SLUG [--course DIR] [--kind
 * function|training] [--lesson L] [--title T]`: scaffolds. A new course is valid at once (one lesson, one
 * assignment); a new assignment is one folder plus one line in course.yaml, its reference solution passes and its
 * starter fails `course check`, with TODO(author) comments saying what to change. Nothing is overwritten.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { slugSchema } from "../../lib/content/assignment-schema";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";
import { courseFiles } from "./templates/course-kind";
import { functionAssignment } from "./templates/function-kind";
import { trainingAssignment } from "./templates/training-kind";

const KINDS = ["function", "training"] as const;
type Kind = (typeof KINDS)[number];

function writeAll(dir: string, files: Record<string, string>): string[] {
  const written: string[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text, { flag: "wx" });
    written.push(file);
  }
  return written;
}

/** Due in 90 days, at 23:59 UTC. */
function defaultDue(): string {
  const d = new Date(Date.now() + 90 * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T23:59:00Z`;
}

function titleOf(slug: string): string {
  const words = slug.split("-");
  return [words[0]![0]!.toUpperCase() + words[0]!.slice(1), ...words.slice(1)].join(" ");
}

/** Adds `slug: lesson` to course.yaml's assignments (comments and layout kept); the lesson defaults to the last one. */
function linkAssignment(courseDir: string, slug: string, lesson: string | undefined): string {
  const file = path.join(courseDir, "course.yaml");
  const doc = parseDocument(readFileSync(file, "utf8"));
  if (doc.errors.length) throw new UsageError(`${file}: not valid YAML (${doc.errors[0]!.message.split("\n")[0]}); fix it first`);
  const units = doc.toJS()?.units as Array<{ lessons?: string[] }> | undefined;
  const lessons = (units ?? []).flatMap((u) => u.lessons ?? []);
  const target = lesson ?? lessons.at(-1);
  if (!target) throw new UsageError(`${file} lists no lesson; add one to a unit first`);
  if (!lessons.includes(target)) throw new UsageError(`--lesson: '${target}' is not a lesson of ${file} (lessons: ${lessons.join(", ")})`);
  const assignments = doc.get("assignments");
  if (assignments && typeof assignments === "object" && "has" in assignments && (assignments as { has(k: string): boolean }).has(slug)) {
    throw new UsageError(`${file} already lists an assignment '${slug}'`);
  }
  if (!assignments || (assignments as { items?: unknown[] }).items?.length === 0) doc.set("assignments", doc.createNode({ [slug]: target }));
  else doc.setIn(["assignments", slug], target);
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, doc.toString());
  renameSync(tmp, file);
  return target;
}

export function newAssignment(courseDir: string, slug: string, opts: { kind?: Kind; lesson?: string; title?: string } = {}): { dir: string; lesson: string; files: string[] } {
  if (!slugSchema.safeParse(slug).success) throw new UsageError(`'${slug}' is not a valid slug: lowercase letters, digits and single hyphens, e.g. my-first`);
  if (!existsSync(path.join(courseDir, "course.yaml"))) throw new UsageError(`${courseDir} is not a course package (no course.yaml); create one with: npm run course -- new course DIR`);
  const dir = path.join(courseDir, "assignments", slug);
  if (existsSync(dir)) throw new UsageError(`${dir} already exists; nothing was written`);
  const kind = opts.kind ?? "function";
  const title = opts.title ?? titleOf(slug);
  const files = kind === "training" ? trainingAssignment(slug, title, defaultDue()) : functionAssignment(slug, title, defaultDue());
  // The course.yaml line is checked first (it can refuse), then the folder is written.
  const lesson = linkAssignment(courseDir, slug, opts.lesson);
  return { dir, lesson, files: writeAll(dir, files) };
}

export function newCourse(dir: string, opts: { title?: string } = {}): string[] {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`${dir} exists and is not empty; choose a new folder`);
  mkdirSync(dir, { recursive: true });
  const written = writeAll(dir, courseFiles(opts.title ?? "My course"));
  const first = newAssignment(dir, "first-steps", { lesson: "welcome", title: "First steps" });
  return [...written, ...first.files];
}

const shown = (f: string) => {
  const rel = path.relative(process.cwd(), f);
  return rel && !rel.startsWith("..") ? rel : f;
};

export const newCommand: CliCommand = {
  name: "new",
  summary: "Scaffold a course package (new course DIR) or an assignment in one (new assignment SLUG)",
  usage:
    "new course DIR [--title T]\n" +
    "  writes a minimal valid course: course.yaml, lessons/welcome.mdx and the assignment first-steps\n" +
    "new assignment SLUG [--course DIR] [--kind function|training] [--lesson L] [--title T]\n" +
    "  writes assignments/SLUG/ (public files, hidden/checks.ts, hidden/solution.ts) and adds it to course.yaml\n" +
    "  (under --lesson, default the last lesson); the course is COURSE_DIR or ./content without --course",
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { strings: ["course", "kind", "lesson", "title"] });
    const [what, target, ...rest] = positionals;
    if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
    if (what === "course") {
      if (!target) throw new UsageError("new course needs the folder to create, e.g. new course ~/my-course");
      for (const f of ["course", "kind", "lesson"]) if (flags[f] !== undefined) throw new UsageError(`--${f} belongs to new assignment`);
      const dir = path.resolve(target);
      const files = newCourse(dir, { title: typeof flags.title === "string" ? flags.title : undefined });
      console.log(`Created the course ${shown(dir)} (${files.length} files). Next:\n  npm run course -- check --course ${shown(dir)}\n  npm run course -- new assignment my-first --course ${shown(dir)}`);
      return 0;
    }
    if (what === "assignment") {
      if (!target) throw new UsageError("new assignment needs a slug, e.g. new assignment my-first");
      const kind = flags.kind ?? "function";
      if (!KINDS.includes(kind as Kind)) throw new UsageError(`--kind must be function or training, got '${String(kind)}'`);
      const courseDir = path.resolve(typeof flags.course === "string" ? flags.course : (process.env.COURSE_DIR ?? "content"));
      if (!existsSync(courseDir)) throw new UsageError(`--course: no folder ${courseDir}`);
      const made = newAssignment(courseDir, target, { kind: kind as Kind, lesson: typeof flags.lesson === "string" ? flags.lesson : undefined, title: typeof flags.title === "string" ? flags.title : undefined });
      console.log(`Created ${shown(made.dir)} (${kind}; lesson ${made.lesson} in course.yaml). Edit the files marked TODO(author), then:\n  npm run course -- check --course ${shown(courseDir)}`);
      return 0;
    }
    throw new UsageError(what ? `unknown kind of scaffold '${what}' (course or assignment)` : "new needs what to create: course DIR or assignment SLUG");
  },
};
