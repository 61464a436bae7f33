/**
 * Which course package this process serves and grades: the live validated snapshot when UNLABELED_COURSE_STATE
 * names a course state file (npm start and npm run grader publish first and set it; lib/course/live-state.ts),
 * else the folder named by COURSE_DIR, else the bundled course in ./content. Plain Node (no server-only), shared
 * by the site, the engine and the command line.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import path from "node:path";
import { liveCourseDir } from "../course/live-state";

/** The course package a piece of work is for, when it is not the default one (a grading of another course's offering). */
const scoped = new AsyncLocalStorage<string>();

/**
 * Runs `fn` with `dir` as the served course for every courseRoot()/assignmentRoot() call inside it, however deep
 * (the grading engine reads the course through them): how a grader grades a submission of another course package
 * (lib/content/course-registry.ts) without threading the folder through every engine module.
 */
export function withCourseRoot<T>(dir: string, fn: () => T): T {
  return scoped.run(dir, fn);
}

export function courseRoot(env: NodeJS.ProcessEnv = process.env): string {
  return scoped.getStore() ?? defaultCourseRoot(env);
}

/** The default course package's served folder, whatever withCourseRoot scope the caller is in. */
export function defaultCourseRoot(env: NodeJS.ProcessEnv = process.env): string {
  const live = liveCourseDir(env);
  if (live) return live;
  const dir = env.COURSE_DIR?.trim();
  return dir ? path.resolve(/* turbopackIgnore: true */ dir) : path.join(/* turbopackIgnore: true */ process.cwd(), "content");
}

/** The folder the course is authored in (COURSE_DIR, else ./content): what publishing validates and copies. */
export function courseSource(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.COURSE_DIR?.trim();
  return dir ? path.resolve(/* turbopackIgnore: true */ dir) : path.join(/* turbopackIgnore: true */ process.cwd(), "content");
}

/** <course>/assignments/<slug> of the served course. */
export function assignmentRoot(slug: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(courseRoot(env), "assignments", slug);
}
