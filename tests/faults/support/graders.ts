import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";

/** Short stale limits so a killed grader's work comes back in seconds, not the production minute. */
export const FAST_TIMING_ENV = {
  GRADER_HEARTBEAT_MS: "500",
  GRADER_STALE_AFTER_MS: "3000",
  GRADER_LOST_AFTER_MS: "6000",
  GRADER_SWEEP_MS: "500",
};

export interface GraderProcess {
  pid: number;
  child: ChildProcess;
  /** Everything the process printed, stdout and stderr interleaved. */
  log(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
}

/**
 * Starts `npm run grader` as one process (node with the tsx loader, no npm or tsx wrapper in between), so that
 * `kill -9` of the pid kills the grader itself and nothing survives as an orphan.
 */
export function spawnGrader(databaseUrl: string, extraEnv: Record<string, string> = {}): GraderProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...FAST_TIMING_ENV,
    GRADER_CONCURRENCY: "1",
    // These suites test the queue under faults, not the course: a grader's first start validates the course
    // without grading its references (tests/course/ covers that), so a kill-and-restart loop does not wait on it.
    UNLABELED_PUBLISH_GRADING: process.env.UNLABELED_PUBLISH_GRADING ?? "none",
    ...extraEnv,
    DATABASE_URL: databaseUrl,
  };
  delete env.PGLITE_DIR;
  delete env.VITEST;
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/grader.ts"], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      done = true;
      resolve({ code, signal });
    }),
  );
  return { pid: child.pid!, child, log: () => out, exited, alive: () => !done };
}

/** Direct children of a process (for a grader: its bubblewrap sandbox while it grades). */
export function childPids(pid: number): number[] {
  const kids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the ")" that closes the command name: state, ppid, ...
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) kids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return kids;
}

/** The bubblewrap sandboxes among a grader's children (tsx also keeps an esbuild service child, busy or not). */
export function sandboxPids(pid: number): number[] {
  return childPids(pid).filter((child) => {
    try {
      return fs.readFileSync(`/proc/${child}/comm`, "utf8").trim() === "bwrap";
    } catch {
      return false;
    }
  });
}

export function pidAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

export async function stopGrader(g: GraderProcess): Promise<void> {
  if (!g.alive()) return;
  g.child.kill("SIGTERM");
  const timer = setTimeout(() => g.child.kill("SIGKILL"), 15_000);
  await g.exited;
  clearTimeout(timer);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once the grader's workers poll the queue (it has published the course and connected); fails if it exits. */
export async function waitPolling(grader: GraderProcess, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (!/worker\(s\) polling the grading queue/.test(grader.log())) {
    if (!grader.alive()) throw new Error(`the grader exited while starting:\n${grader.log()}`);
    if (Date.now() - started > timeoutMs) throw new Error(`the grader did not poll the queue within ${timeoutMs / 1000} s:\n${grader.log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
