/**
 * The runner processes of one submission. Consecutive checks with the same memory limit share one runner (each
 * task still gets a fresh instance of the student's module); an `isolate` check gets its own; a runner that
 * crashed, timed out or was killed for its output is replaced for the next check. If loading the submission
 * fails, that failure stands for every remaining check: the student's module body is broken, not one check.
 */
import { LOAD_SECONDS, type CheckLimits } from "./check";
import type { LoadedCheck } from "./assignments";
import { GradeAbortedError } from "./errors";
import { RunnerProcess } from "./runner-process";
import type { LaunchOptions } from "./sandbox";
import type { StudentError } from "./runner-phase";
import type { RunnerBundle } from "./runner-bundle";

const BOOT_CPU_SECONDS = 10;
const LOAD_OUTPUT_BYTES = 1024 * 1024;

export class RunnerSession {
  backend: string | null = null;
  loadFailure: (StudentError & { logs: string }) | null = null;
  /** Console output of the first successful load. */
  loadLogs = "";
  private current: { runner: RunnerProcess; key: string } | null = null;
  /** Runners of later stages, alive while their one task runs. */
  private readonly fresh = new Set<RunnerProcess>();

  constructor(
    private readonly bundle: RunnerBundle,
    private readonly code: string,
    private readonly checks: readonly LoadedCheck[],
    private readonly signal?: AbortSignal,
    private readonly launch: Pick<LaunchOptions, "hostAccess"> = {},
  ) {}

  private groupKey(check: LoadedCheck): string {
    return check.isolate ? `isolate:${check.id}` : `memory:${check.limits.memoryMb}`;
  }

  /** A loaded runner for checks[index], or null when the submission cannot be loaded. */
  async runnerFor(index: number, onStart: () => void): Promise<RunnerProcess | null> {
    if (this.loadFailure) return null;
    const check = this.checks[index]!;
    const key = this.groupKey(check);
    if (this.current && this.current.key === key && this.current.runner.alive) return this.current.runner;
    await this.release();
    const group: LoadedCheck[] = [];
    for (const next of this.checks.slice(index)) {
      if (this.groupKey(next) !== key || (check.isolate && group.length)) break;
      group.push(next);
    }
    const cpuSeconds = group.reduce((sum, c) => sum + c.limits.cpuSeconds, BOOT_CPU_SECONDS + LOAD_SECONDS);
    onStart();
    const runner = await this.startLoaded(check, cpuSeconds);
    if (!runner) return null;
    this.current = { runner, key };
    return runner;
  }

  /**
   * A runner of its own for one more run of `check` (a stage after the first): a new process that has seen nothing
   * of the earlier runs. The caller closes it after the task. Null when the submission cannot be loaded there.
   */
  async freshRunner(check: LoadedCheck, onStart: () => void): Promise<RunnerProcess | null> {
    if (this.loadFailure) return null;
    onStart();
    const runner = await this.startLoaded(check, BOOT_CPU_SECONDS + LOAD_SECONDS + check.limits.cpuSeconds);
    if (runner) this.fresh.add(runner);
    return runner;
  }

  /** Closes a runner from freshRunner(), waiting for its last messages. */
  async closeFresh(runner: RunnerProcess): Promise<void> {
    await runner.close();
    this.fresh.delete(runner);
  }

  private async startLoaded(check: LoadedCheck, cpuSeconds: number): Promise<RunnerProcess | null> {
    const runner = await RunnerProcess.start(this.bundle, { cpuSeconds, memoryMb: check.limits.memoryMb }, { signal: this.signal, ...this.launch });
    this.backend ??= runner.backend.name;
    const loadMs = Math.min(LOAD_SECONDS, check.limits.wallSeconds) * 1000;
    const loaded = await runner.load(this.code, { wallMs: loadMs, outputBytes: LOAD_OUTPUT_BYTES, logBytes: check.limits.logBytes });
    this.throwIfAborted();
    if (!loaded.ok) {
      this.loadFailure = { ...loaded.error, logs: loaded.logs };
      await runner.close();
      return null;
    }
    this.loadLogs ||= loaded.logs;
    return runner;
  }

  throwIfAborted(): void {
    if (this.signal?.aborted) throw new GradeAbortedError("grading was cancelled");
  }

  /** Closes the current runner (waiting for its last messages). */
  async release(): Promise<void> {
    const current = this.current;
    this.current = null;
    if (current) await current.runner.close();
  }

  /** Kills everything now (cancellation or an infrastructure failure). */
  kill(): void {
    this.current?.runner.kill();
    for (const runner of this.fresh) runner.kill();
  }
}

export function phaseLimits(limits: CheckLimits): { wallMs: number; outputBytes: number; logBytes: number } {
  return { wallMs: limits.wallSeconds * 1000, outputBytes: limits.outputBytes, logBytes: limits.logBytes };
}
