/**
 * The course packages one installation serves (docs/offerings.md, "Several courses"): the default one (COURSE_DIR,
 * else ./content) and any number more named in UNLABELED_COURSES, `name=folder` entries separated by `;`, `,` or
 * new lines, e.g. `UNLABELED_COURSES="nlp=/srv/courses/nlp;vision=/srv/courses/vision"`. Every offering runs one of
 * them (`offering.course`). Each is published like the default one (validated snapshot, lib/course/publish.ts) into
 * `<data>/packages/<name>/courses/`, and served and graded from there. Plain Node, shared by the site, the graders
 * and the command line.
 */
import path from "node:path";
import { liveCourseDir } from "../course/live-state";
import { courseSource, defaultCourseRoot } from "./course-root";

export const DEFAULT_COURSE = "default";
const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface CoursePackage {
  name: string;
  /** The folder it is authored in (published from here). */
  source: string;
}

/** An offering names a course package this installation does not serve (any more). */
export class UnknownCourseError extends Error {
  constructor(
    readonly course: string,
    known: string[],
  ) {
    super(`There is no course package '${course}' on this installation (it serves: ${known.join(", ")}).`);
    this.name = "UnknownCourseError";
  }
}

/** This process serves published versions, and the package has none that passed validation. */
export class CourseNotLiveError extends Error {
  constructor(readonly course: string) {
    super(`The course package '${course}' has no validated version yet; its instructor runs \`npm run course -- check\` on it and the platform publishes it at its next start.`);
    this.name = "CourseNotLiveError";
  }
}

/** The packages named in UNLABELED_COURSES, in the order given; a malformed entry is an error that names it. */
export function extraCourses(env: NodeJS.ProcessEnv = process.env): CoursePackage[] {
  const raw = env.UNLABELED_COURSES?.trim();
  if (!raw) return [];
  const out: CoursePackage[] = [];
  for (const entry of raw.split(/[;,\n]/).map((e) => e.trim()).filter(Boolean)) {
    const eq = entry.indexOf("=");
    const name = eq === -1 ? "" : entry.slice(0, eq).trim();
    const dir = eq === -1 ? "" : entry.slice(eq + 1).trim();
    if (!NAME.test(name) || !dir)
      throw new Error(`UNLABELED_COURSES: '${entry}' is not name=folder (a name is lowercase letters, digits and dashes)`);
    if (name === DEFAULT_COURSE) throw new Error(`UNLABELED_COURSES: '${DEFAULT_COURSE}' is the COURSE_DIR course; name this one differently`);
    if (out.some((c) => c.name === name)) throw new Error(`UNLABELED_COURSES: '${name}' is named twice`);
    out.push({ name, source: path.resolve(/* turbopackIgnore: true */ dir) });
  }
  return out;
}

/** Every course package this installation serves, the default one first. */
export function courseNames(env: NodeJS.ProcessEnv = process.env): string[] {
  return [DEFAULT_COURSE, ...extraCourses(env).map((c) => c.name)];
}

/** Whether `name` is a course package this installation serves. */
export function isCourse(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return courseNames(env).includes(name);
}

/** The folder a package is authored in: COURSE_DIR (or ./content) for the default one. */
export function courseSourceOf(name: string, env: NodeJS.ProcessEnv = process.env): string {
  if (name === DEFAULT_COURSE) return courseSource(env);
  const found = extraCourses(env).find((c) => c.name === name);
  if (!found) throw new UnknownCourseError(name, courseNames(env));
  return found.source;
}

/** Where a package's published snapshots and state live under the data folder: `<data>` itself for the default. */
export function courseDataDir(dataDir: string, name: string): string {
  return name === DEFAULT_COURSE ? dataDir : path.join(dataDir, "packages", name);
}

/**
 * The state file of a package's live version, next to the default one's (UNLABELED_COURSE_STATE names
 * `<data>/courses/state.json`; another package's is `<data>/packages/<name>/courses/state.json`); null when the
 * process serves folders as they are (tests, `course grade`, preview).
 */
export function courseStateFileOf(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const state = env.UNLABELED_COURSE_STATE;
  if (!state) return null;
  if (name === DEFAULT_COURSE) return state;
  return path.join(courseDataDir(path.dirname(path.dirname(state)), name), "courses", "state.json");
}

/**
 * The folder a package is served and graded from: its live validated snapshot when this process serves published
 * versions (CourseNotLiveError while none passed), else its source folder. UnknownCourseError for a name this
 * installation does not serve.
 */
export function courseDirOf(name: string, env: NodeJS.ProcessEnv = process.env): string {
  if (name === DEFAULT_COURSE) return defaultCourseRoot(env);
  const source = courseSourceOf(name, env);
  const state = courseStateFileOf(name, env);
  if (!state) return source;
  const live = liveCourseDir({ ...env, UNLABELED_COURSE_STATE: state });
  if (!live) throw new CourseNotLiveError(name);
  return live;
}
