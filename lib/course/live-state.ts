/**
 * Which version of the course is live, and how the last attempt to publish one went: `<data>/courses/state.json`,
 * next to the validated snapshots (`<data>/courses/<version>/`). Written atomically (temp file + rename) by
 * whoever publishes; read by the site and the graders of this machine, which serve and grade the live snapshot
 * when UNLABELED_COURSE_STATE names this file (npm start and npm run grader set it). Plain Node.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

export const liveVersionSchema = z.object({
  version: z.string(),
  /** The folder it was published from (COURSE_DIR, or ./content). */
  source: z.string(),
  /** The validated snapshot that is served and graded. */
  dir: z.string(),
  wentLiveAt: z.string(),
  commit: z.string().nullable().default(null),
});

export const attemptSchema = z.object({
  version: z.string().nullable(),
  source: z.string(),
  at: z.string(),
  status: z.enum(["validating", "live", "refused", "unchanged"]),
  /** Why it was refused: `file: field: message` lines, as `course check` prints them. */
  problems: z.array(z.string()).default([]),
  /** What a successful validation could not cover (e.g. no sandbox on this machine to grade the references). */
  notes: z.array(z.string()).default([]),
  seconds: z.number().nullable().default(null),
  /** Who or what asked: "start", "grader", "sync", or the instructor's email from the console. */
  by: z.string().default("sync"),
});

export const courseStateSchema = z.object({
  live: liveVersionSchema.nullable().default(null),
  lastAttempt: attemptSchema.nullable().default(null),
});

export type LiveVersion = z.infer<typeof liveVersionSchema>;
export type PublishAttempt = z.infer<typeof attemptSchema>;
export type CourseState = z.infer<typeof courseStateSchema>;

export function coursesDir(dataDir: string): string {
  return path.join(dataDir, "courses");
}

export function stateFile(dataDir: string): string {
  return path.join(coursesDir(dataDir), "state.json");
}

export function readCourseState(file: string): CourseState {
  if (!existsSync(file)) return { live: null, lastAttempt: null };
  try {
    return courseStateSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  } catch (err) {
    throw new Error(
      `${file} is not a valid course state (${err instanceof Error ? err.message : String(err)}); move it away and publish again`,
    );
  }
}

export function writeCourseState(file: string, state: CourseState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

/** Updates the state file with `fn` (read, change, write atomically). */
export function updateCourseState(file: string, fn: (s: CourseState) => CourseState): CourseState {
  const next = fn(readCourseState(file));
  writeCourseState(file, next);
  return next;
}

/** Per state file (one per course package served: lib/content/course-registry.ts). */
const seen = new Map<string, { file: string; mtimeMs: number; checkedAt: number; dir: string | null }>();

/**
 * The live snapshot's folder per the state file named by UNLABELED_COURSE_STATE (re-read when it changes, at
 * most once a second), or null when that variable is unset or nothing is live yet.
 */
export function liveCourseDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const file = env.UNLABELED_COURSE_STATE;
  if (!file) return null;
  const now = Date.now();
  const cached = seen.get(file);
  if (cached && now - cached.checkedAt < 1000) return cached.dir;
  let mtimeMs = -1;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    // no state yet
  }
  if (cached && cached.mtimeMs === mtimeMs) {
    cached.checkedAt = now;
    return cached.dir;
  }
  let dir: string | null = null;
  try {
    dir = mtimeMs === -1 ? null : (readCourseState(file).live?.dir ?? null);
  } catch {
    dir = cached ? cached.dir : null; // a broken state file keeps the last good answer
  }
  seen.set(file, { file, mtimeMs, checkedAt: now, dir });
  return dir;
}
