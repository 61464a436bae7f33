/**
 * Publishing a course version: copy the source folder to a staging snapshot, validate the copy in a child process
 * with `course check` (schema, links, rubric ↔ check ids, reference 100%, starter fails), and only when it passes
 * rename it into place and switch the live version. A version that fails, or a validation that dies or times out,
 * leaves the live version serving and records why in the state file. Plain Node.
 */
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { checkGradingPrerequisites } from "../system/grading-prerequisites";
import {
  coursesDir,
  readCourseState,
  stateFile,
  updateCourseState,
  type CourseState,
  type PublishAttempt,
} from "./live-state";
import { courseVersion, versionFolder } from "./version-id";

export interface PublishOptions {
  /** The course package folder to publish. */
  source: string;
  /** The data folder (.data): snapshots and state.json live under <data>/courses. */
  dataDir: string;
  /** Who asked: "start", "grader", "sync" or an instructor's email. */
  by?: string;
  /** Validation time limit (default UNLABELED_PUBLISH_TIMEOUT_SECONDS, else 1800 s). */
  timeoutSeconds?: number;
  log?: (line: string) => void;
  /** The platform root (scripts/course.ts is run from here). */
  root?: string;
  /**
   * How much of the references to grade: `full` (every check, the training experiments included: minutes for the
   * bundled course), `quick` (every check but the experiments) or `none` (structure, hidden code and canaries only).
   * Default UNLABELED_PUBLISH_GRADING, else `full`.
   */
  grading?: PublishGrading;
}

export type PublishGrading = "full" | "quick" | "none";

/** The grading level from UNLABELED_PUBLISH_GRADING, or `fallback` when it is unset; a bad value is an error. */
export function publishGrading(fallback: PublishGrading): PublishGrading {
  const v = process.env.UNLABELED_PUBLISH_GRADING;
  if (v === undefined || v === "") return fallback;
  if (v === "full" || v === "quick" || v === "none") return v;
  throw new Error(`UNLABELED_PUBLISH_GRADING must be full, quick or none, got '${v}'`);
}

export interface PublishOutcome {
  status: PublishAttempt["status"];
  version: string | null;
  problems: string[];
  state: CourseState;
}

const KEEP_SNAPSHOTS = 3;

function lock(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "publish.lock");
  for (let tries = 0; tries < 2; tries++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => rmSync(file, { force: true });
    } catch {
      const pid = Number(readFileSync(file, "utf8"));
      let alive = false;
      try {
        process.kill(pid, 0);
        alive = Number.isInteger(pid) && pid > 0;
      } catch {
        alive = false;
      }
      if (alive)
        throw new PublishBusyError(`another publish is running (process ${pid}); try again when it has finished`);
      rmSync(file, { force: true }); // left by a publisher that died
    }
  }
  throw new PublishBusyError("could not take the publish lock");
}

/** Whether a publish holds the lock of this data folder now (its process is alive). */
export function publishInProgress(dataDir: string): boolean {
  const file = path.join(coursesDir(dataDir), "publish.lock");
  if (!existsSync(file)) return false;
  const pid = Number(readFileSync(file, "utf8"));
  try {
    process.kill(pid, 0);
    return Number.isInteger(pid) && pid > 0;
  } catch {
    return false;
  }
}

export class PublishBusyError extends Error {
  override name = "PublishBusyError";
}

function tsxCli(root: string): string {
  const req = createRequire(path.join(root, "package.json"));
  return path.join(path.dirname(req.resolve("tsx/package.json")), "dist", "cli.mjs");
}

/** Runs `course check --course <dir> --json <file>` in a child; resolves with its problems (empty: valid). */
function validate(
  root: string,
  dir: string,
  timeoutSeconds: number,
  log: (line: string) => void,
  grading: PublishGrading,
): Promise<string[]> {
  const report = path.join(path.dirname(dir), `${path.basename(dir)}.check.json`);
  const env: NodeJS.ProcessEnv = { ...process.env, TSX_DISABLE_CACHE: "1" };
  delete env.UNLABELED_COURSE_STATE;
  delete env.COURSE_DIR;
  const child = spawn(
    process.execPath,
    [
      tsxCli(root),
      "--no-cache",
      "--conditions=react-server",
      path.join(root, "scripts", "course.ts"),
      "check",
      "--course",
      dir,
      "--json",
      report,
      ...(grading === "none" ? ["--no-grade"] : grading === "quick" ? ["--quick"] : []),
    ],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) log(line);
  };
  child.stdout.on("data", forward);
  child.stderr.on("data", forward);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutSeconds * 1000);
    child.on("error", (err) => {
      clearTimeout(timer);
      resolve([`validation could not start: ${err.message}`]);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      let problems: string[] | null = null;
      try {
        const parsed = JSON.parse(readFileSync(report, "utf8")) as { problems?: unknown };
        if (Array.isArray(parsed.problems)) problems = parsed.problems.map(String);
      } catch {
        problems = null;
      }
      rmSync(report, { force: true });
      if (signal === "SIGKILL")
        resolve([
          `validation did not finish within ${timeoutSeconds} s (UNLABELED_PUBLISH_TIMEOUT_SECONDS sets the limit)`,
        ]);
      else if (problems === null)
        resolve([`validation stopped (exit ${code ?? signal}) without a report; see the log above`]);
      else if (code !== 0 && problems.length === 0) resolve([`course check exited ${code}`]);
      else resolve(problems);
    });
  });
}

function pruneSnapshots(dir: string, keep: Set<string>): void {
  const snapshots = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("staging-"))
    .map((e) => ({ name: e.name, mtime: statSync(path.join(dir, e.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const s of snapshots.slice(KEEP_SNAPSHOTS))
    if (!keep.has(path.join(dir, s.name))) rmSync(path.join(dir, s.name), { recursive: true, force: true });
}

/** Validates and, when it passes, publishes the course in `opts.source`. Never throws for a bad course. */
export async function publishCourse(opts: PublishOptions): Promise<PublishOutcome> {
  const log = opts.log ?? (() => undefined);
  const root = opts.root ?? process.cwd();
  const dir = coursesDir(opts.dataDir);
  const file = stateFile(opts.dataDir);
  const by = opts.by ?? "sync";
  const source = path.resolve(opts.source);
  const started = Date.now();
  const timeoutSeconds = opts.timeoutSeconds ?? (Number(process.env.UNLABELED_PUBLISH_TIMEOUT_SECONDS) || 1800);
  const finish = (
    status: PublishAttempt["status"],
    version: string | null,
    problems: string[],
    live?: CourseState["live"],
    notes: string[] = [],
  ): PublishOutcome => {
    const attempt: PublishAttempt = {
      version,
      source,
      at: new Date().toISOString(),
      status,
      problems,
      notes,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      by,
    };
    const state = updateCourseState(file, (s) => ({ live: live === undefined ? s.live : live, lastAttempt: attempt }));
    return { status, version, problems, state };
  };
  if (!existsSync(source) || !statSync(source).isDirectory())
    return finish("refused", null, [`${source}: no such folder`]);
  if (!existsSync(path.join(source, "course.yaml")))
    return finish("refused", null, [`${source}: not a course package (no course.yaml)`]);
  const release = lock(dir);
  let staging: string | null = null;
  try {
    const before = readCourseState(file);
    staging = path.join(dir, `staging-${process.pid}-${Date.now()}`);
    cpSync(source, staging, {
      recursive: true,
      filter: (src) => !/(^|\/)(\.git|node_modules)(\/|$)/.test(path.relative(source, src)),
    });
    const version = courseVersion(source, staging);
    const target = path.join(dir, versionFolder(version.id));
    if (before.live?.version === version.id && existsSync(before.live.dir)) {
      log(`course version ${version.id} is already live`);
      return finish("unchanged", version.id, []);
    }
    updateCourseState(file, (s) => ({
      ...s,
      lastAttempt: {
        version: version.id,
        source,
        at: new Date().toISOString(),
        status: "validating",
        problems: [],
        notes: [],
        seconds: null,
        by,
      },
    }));
    // Grading the reference and starter needs the sandbox; without it (the site still serves and refuses
    // submissions until grading works) the version is validated without them, and says so.
    const grading = await checkGradingPrerequisites();
    const level = opts.grading ?? publishGrading("full");
    const notGraded = !grading.ok
      ? `reference and starter not graded: ${grading.message}`
      : level === "none"
        ? "reference and starter not graded (UNLABELED_PUBLISH_GRADING=none)"
        : level === "quick"
          ? "reference and starter graded on their quick checks; the training experiments are left to `course check`"
          : null;
    log(`validating course version ${version.id} from ${source}${notGraded ? ` (${notGraded})` : ""} ...`);
    const problems = await validate(root, staging, timeoutSeconds, log, grading.ok ? level : "none");
    if (problems.length) {
      log(
        `course version ${version.id} refused (${problems.length} problem${problems.length === 1 ? "" : "s"}); ${before.live ? `${before.live.version} stays live` : "nothing is live yet"}`,
      );
      return finish("refused", version.id, problems);
    }
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
    staging = null;
    const live = {
      version: version.id,
      source,
      dir: target,
      wentLiveAt: new Date().toISOString(),
      commit: version.commit,
    };
    log(`course version ${version.id} is live`);
    const outcome = finish("live", version.id, [], live, notGraded ? [notGraded] : []);
    pruneSnapshots(dir, new Set([target, ...(before.live ? [before.live.dir] : [])]));
    return outcome;
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
    release();
  }
}
