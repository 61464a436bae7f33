/**
 * Starts a sandboxed program (the runner or the compiler) from its launch plan: the process group of its own, the
 * bundle written to the descriptor bubblewrap reads it from, extra descriptors (the runner's channel key) written
 * and closed, and pipe errors of a sandbox that dies early swallowed (its exit status tells the story).
 */
import { spawn, type ChildProcess } from "node:child_process";
import type { Writable } from "node:stream";
import type { RunnerBundle } from "./runner-bundle";
import { runnerLaunch, type LaunchOptions, type ProcessLimits } from "./sandbox";

export interface SpawnOptions extends LaunchOptions {
  /** Whether fd 3 is a pipe (the runner's protocol channel). */
  protocol: boolean;
  /** Bytes for descriptors 5, 6, …: each written and closed at once. */
  extra?: Buffer[];
}

export function spawnSandboxed(bundle: RunnerBundle, limits: ProcessLimits, opts: SpawnOptions): ChildProcess {
  const launch = runnerLaunch(bundle, limits, opts);
  const extra = opts.extra ?? [];
  const child = spawn(launch.file, launch.args, {
    cwd: launch.cwd,
    env: launch.env,
    uid: launch.uid,
    gid: launch.gid,
    detached: true,
    stdio: ["pipe", "pipe", "pipe", opts.protocol ? "pipe" : "ignore", launch.bundleFd === null ? "ignore" : "pipe", ...extra.map(() => "pipe" as const)],
  });
  if (launch.cleanup) {
    const cleanup = launch.cleanup;
    child.once("exit", cleanup);
    child.once("error", cleanup);
  }
  const fds = child.stdio as unknown as Array<Writable | null>;
  for (const stream of fds) stream?.on("error", () => undefined);
  if (launch.bundleFd !== null) fds[launch.bundleFd]!.end(bundle.code);
  extra.forEach((bytes, i) => fds[5 + i]!.end(bytes));
  return child;
}

/** Kills the sandbox's whole process group (bubblewrap, and through --die-with-parent everything inside). */
export function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}
