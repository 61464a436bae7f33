/**
 * `--course DIR` (and the older `--content DIR`): which course package a command works on. It sets COURSE_DIR for
 * this process, so the engine, the site's loaders and every child process see the same course.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../cli-types";

export function useCourse(flags: Record<string, string | boolean>): void {
  for (const flag of ["course", "content"] as const) {
    const value = flags[flag];
    if (typeof value !== "string") continue;
    const dir = path.resolve(value);
    if (!(existsSync(dir) && statSync(dir).isDirectory())) throw new UsageError(`--${flag}: no folder ${dir}`);
    process.env.COURSE_DIR = dir;
    // An explicit folder wins over a published snapshot inherited from the environment.
    delete process.env.UNLABELED_COURSE_STATE;
  }
}

/** Takes `--course DIR` out of an argument list (for commands that pass the rest on), applying it. */
export function takeCourseFlag(argv: string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--course" || arg.startsWith("--course=")) {
      const value = arg === "--course" ? argv[++i] : arg.slice("--course=".length);
      if (!value) throw new UsageError("--course needs a folder");
      useCourse({ course: value });
    } else rest.push(arg);
  }
  return rest;
}
