/**
 * Loads a course package's code in a child process (inspect-main.ts) and reports, per assignment, its checks or
 * the one problem that stopped it: a module that throws at import, a rubric naming a check that does not exist, a
 * grader file importing the platform's database, a module that never returns (killed after `timeoutMs` without
 * progress, and the remaining assignments loaded by a fresh child). Nothing of the course runs in the caller.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

export interface InspectedCheck {
  id: string;
  points: number;
  visibility: string;
  experiment: boolean;
  task: string;
}

export type InspectedAssignment = { slug: string; ok: true; points: number; checks: InspectedCheck[] } | { slug: string; ok: false; problem: string };

export interface CourseInspection {
  /** A problem with the course's task.ts files (duplicate names, a task that does not load), else null. */
  tasks: string | null;
  assignments: InspectedAssignment[];
}

const requireHere = createRequire(path.join(/* turbopackIgnore: true */ process.cwd(), "package.json"));

function tsxCli(): string {
  return path.join(path.dirname(requireHere.resolve("tsx/package.json")), "dist", "cli.mjs");
}

interface ChildReport {
  lines: Array<Record<string, unknown>>;
  /** The slug (null: the task files) being loaded when the child stalled; undefined when it finished. */
  stalled?: string | null;
  failure?: string;
}

function runChild(courseDir: string, slugs: string[], timeoutMs: number): Promise<ChildReport> {
  const entry = path.join(/* turbopackIgnore: true */ process.cwd(), "graders", "engine", "inspect-main.ts");
  const child = spawn(process.execPath, [tsxCli(), "--no-cache", "--conditions=react-server", entry, ...slugs], {
    env: { ...process.env, COURSE_DIR: courseDir, TSX_DISABLE_CACHE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Array<Record<string, unknown>> = [];
  let current: string | null | undefined;
  let buffer = "";
  let stderr = "";
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve({ lines, stalled: current ?? null });
      }, timeoutMs);
    };
    arm();
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf("\n"); nl !== -1; nl = buffer.indexOf("\n")) {
        const text = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let line: Record<string, unknown>;
        try {
          line = JSON.parse(text) as Record<string, unknown>;
        } catch {
          continue; // a course module printing to stdout
        }
        if (line.type === "loading") current = line.slug as string | null;
        else lines.push(line);
        arm();
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on("error", (err) => {
      clearTimeout(timer);
      resolve({ lines, failure: `the course could not be inspected: ${err.message}` });
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (signal === "SIGKILL") return; // our timeout resolved already
      const done = slugs.every((s) => lines.some((l) => l.type === "assignment" && l.slug === s));
      if (done) resolve({ lines });
      else resolve({ lines, stalled: current ?? null, failure: `loading stopped (exit ${code ?? signal}): ${stderr.trim().split("\n").slice(-3).join(" ") || "no output"}` });
    });
  });
}

/** Inspects `slugs` of the course in `courseDir`, each in a child process, `timeoutMs` of silence allowed per module. */
export async function inspectCourse(courseDir: string, slugs: string[], opts: { timeoutMs?: number } = {}): Promise<CourseInspection> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const seconds = Math.round(timeoutMs / 1000);
  const result: CourseInspection = { tasks: null, assignments: [] };
  let remaining = [...slugs];
  let first = true;
  while (first || remaining.length) {
    const report = await runChild(courseDir, remaining, timeoutMs);
    for (const line of report.lines) {
      if (line.type === "tasks" && first && line.ok === false) result.tasks = String(line.problem);
      if (line.type === "assignment") result.assignments.push(line as unknown as InspectedAssignment);
    }
    first = false;
    const finished = new Set(result.assignments.map((a) => a.slug));
    if (report.stalled !== undefined) {
      const why = report.failure ?? `did not finish loading within ${seconds} s (does a module wait forever at import?)`;
      if (report.stalled === null) {
        // The task files stalled: no assignment can load without them.
        result.tasks ??= `the course's task.ts files: ${why}`;
        for (const slug of remaining) if (!finished.has(slug)) result.assignments.push({ slug, ok: false, problem: `not loaded: the course's task.ts files ${report.failure ? "failed to load" : "never finished loading"}` });
        break;
      }
      result.assignments.push({ slug: report.stalled, ok: false, problem: `assignments/${report.stalled}: its hidden checks ${why}` });
      finished.add(report.stalled);
    }
    remaining = remaining.filter((s) => !finished.has(s));
  }
  return { tasks: result.tasks, assignments: slugs.map((s) => result.assignments.find((a) => a.slug === s)!).filter(Boolean) };
}
