/**
 * One sandboxed runner process and the engine's side of the protocol: boot, load the submission, run tasks one
 * at a time. Every phase has a wall-clock limit (the process group is killed), a cap on protocol bytes and a cap
 * on console output. Outcomes stay open until close(): a message that arrives after a task finished (a forged
 * second result, say) still turns that task into a failure.
 */
import type { ChildProcess } from "node:child_process";
import type { Readable } from "node:stream";
import type { EngineMessage, ProgressFields, RunnerMessage, Wire } from "../runner/protocol-types";
import { ChannelKeys } from "./channel";
import { GradeAbortedError, GraderInfraError } from "./errors";
import { residentLimitBytes, watchResidentMemory } from "./memory-watch";
import { parseRunnerLine } from "./protocol";
import type { LaunchOptions, ProcessLimits } from "./sandbox";
import { killGroup, spawnSandboxed } from "./sandbox-spawn";
import type { RunnerBundle } from "./runner-bundle";
import { BOOT_MS, BOOT_OUTPUT_BYTES, ConsoleLog, crashError, FORGED, LATE_REPORT_BYTES, type Outcome, type Phase, type PhaseLimits, type StudentError, type TaskRecord } from "./runner-phase";

export type { Outcome, PhaseLimits, StudentError, TaskRecord } from "./runner-phase";

export class RunnerProcess {
  backend = { name: "", detail: "", tfjs: "" };
  private phase: Phase | null = null;
  private last: TaskRecord<unknown> | null = null;
  private pendingLine: Buffer[] = [];
  private stderrTail = "";
  private exited: Promise<void>;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private killedFor: StudentError | null = null;
  /** Set when the runner is known to be exiting (it reported an uncaught error): never reused. */
  private retired = false;
  /** Console output of the last finished phase: late bytes still count against its cap. */
  private lastLog: { log: ConsoleLog; limit: number } | null = null;
  /** Set by close(): the runner's exit from then on is the one asked for. */
  private closing = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly limits: ProcessLimits,
    private readonly keys: ChannelKeys,
  ) {
    this.exited = new Promise((resolve) => {
      const exited = (code: number | null, signal: NodeJS.Signals | null) => {
        if (this.exitInfo) return;
        this.exitInfo = { code, signal };
        this.onExit();
        resolve();
      };
      child.on("close", exited);
      // A process that could not be spawned at all emits only 'error'.
      child.on("error", () => child.pid === undefined && exited(null, null));
    });
  }

  /** Starts a runner and waits for its `boot`; any failure here is the infrastructure's, never the student's. */
  static async start(bundle: RunnerBundle, limits: ProcessLimits, opts: LaunchOptions & { signal?: AbortSignal } = {}): Promise<RunnerProcess> {
    const keys = new ChannelKeys();
    // The channel key goes on fd 5: the runner reads it and closes the descriptor before any student code exists.
    const child = spawnSandboxed(bundle, limits, { ...opts, protocol: true, extra: [keys.key] });
    const runner = new RunnerProcess(child, limits, keys);
    runner.watchMemory();
    (child.stdio[3] as Readable).on("data", (chunk: Buffer) => runner.onProtocol(chunk));
    child.stdout!.on("data", (chunk: Buffer) => runner.onConsole(chunk));
    child.stderr!.on("data", (chunk: Buffer) => runner.onConsole(chunk, true));
    const abort = () => runner.kill();
    opts.signal?.addEventListener("abort", abort, { once: true });
    try {
      await runner.boot();
    } catch (err) {
      runner.kill();
      await runner.exited;
      if (opts.signal?.aborted) throw new GradeAbortedError("grading was cancelled");
      throw err;
    } finally {
      opts.signal?.removeEventListener("abort", abort);
    }
    return runner;
  }

  /** Kills the sandbox when its process tree holds more memory than the limits allow (off-heap included). */
  private watchMemory(): void {
    if (this.child.pid === undefined) return;
    const limit = residentLimitBytes(this.limits.memoryMb);
    const stop = watchResidentMemory(this.child.pid, limit, (bytes) => {
      const mb = (n: number) => Math.round(n / 1024 / 1024);
      this.violate({
        kind: "memory",
        message: `ran out of memory: the sandbox held ${mb(bytes)} MB, more than the ${mb(limit)} MB allowed for a limit of ${this.limits.memoryMb} MB (tensors and buffers count too)`,
      });
    });
    void this.exited.then(stop);
  }

  get alive(): boolean {
    return this.exitInfo === null && this.killedFor === null && !this.retired;
  }

  private boot(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const limits = { wallMs: BOOT_MS, outputBytes: BOOT_OUTPUT_BYTES, logBytes: BOOT_OUTPUT_BYTES };
      const fail = (reason: string) => {
        const detail = this.stderrTail.trim().split("\n").slice(-6).join("\n");
        reject(new GraderInfraError(`the sandboxed runner did not start: ${reason}${detail ? `\n${detail}` : ""}`));
      };
      this.begin("boot", null, limits, {
        onMessage: (m) => {
          if (m.type === "boot") {
            this.backend = { name: m.backend, detail: m.detail, tfjs: m.tfjs };
            resolve();
          } else fail(m.type === "fatal" ? m.message : `unexpected '${m.type}' message`);
        },
        fail: (error) => fail(error.message),
      });
    }).finally(() => this.end());
  }

  /** Evaluates the compiled submission; resolves with its exports (name → typeof). */
  async load(code: string, limits: PhaseLimits): Promise<Outcome<Record<string, string>>> {
    const record = await this.exchange("load", null, limits, { type: "init", code }, (m) => (m.type === "ready" ? { value: m.exports } : null));
    return record.outcome;
  }

  /**
   * Runs one task. The record's outcome is final only after close(): a later message on the protocol channel
   * (e.g. a forged second result) replaces it with a failure.
   */
  runTask(
    id: string,
    request: { name: string; input: Wire; seed: number },
    limits: PhaseLimits,
    onProgress: (p: ProgressFields) => void,
  ): Promise<TaskRecord<Wire>> {
    return this.exchange("task", id, limits, { type: "task", id, ...request }, (m) => {
      if (m.type === "started" && m.task === id && this.phase && !this.phase.acknowledged) {
        this.phase.acknowledged = true;
        return "continue";
      }
      if (m.type === "progress" && m.task === id) {
        const { type: _t, task: _k, ...fields } = m;
        onProgress(fields);
        return "continue";
      }
      return m.type === "result" && m.task === id ? { value: m.output } : null;
    });
  }

  private exchange<T>(
    name: "load" | "task",
    taskId: string | null,
    limits: PhaseLimits,
    request: EngineMessage,
    accept: (m: RunnerMessage) => { value: T } | "continue" | null,
  ): Promise<TaskRecord<T>> {
    if (!this.alive) return Promise.resolve({ outcome: { ok: false, error: { kind: "runtime", message: "the runner is not running" }, logs: "", ms: 0 } });
    return new Promise<TaskRecord<T>>((resolve) => {
      const finish = (outcome: Outcome<T>) => {
        const record: TaskRecord<T> = { outcome };
        this.last = record as TaskRecord<unknown>;
        this.end();
        resolve(record);
      };
      const phase = this.begin(name, taskId, limits, {
        onMessage: (m) => {
          const accepted = accept(m);
          if (accepted === "continue") return;
          if (accepted) return finish({ ok: true, value: accepted.value, logs: phase.log.text(), ms: Date.now() - phase.started });
          // task null: an uncaught error of the runner process while this phase ran (the runner exits after it).
          if (m.type === "error" && (m.task === taskId || m.task === null)) {
            if (m.task === null) this.retired = true;
            return finish({ ok: false, error: { kind: m.kind, message: m.message }, logs: phase.log.text(), ms: Date.now() - phase.started });
          }
          const what = m.type === "fatal" ? `reported a failure of its own (${m.message})` : `sent an unexpected '${m.type}' message`;
          this.violate({ kind: "output", message: `the grader's protocol channel was misused: the runner ${what}` });
        },
        fail: (error) => {
          const { notStarted, ...rest } = error as StudentError & { notStarted?: boolean };
          finish({ ok: false, error: rest, logs: phase.log.text(), ms: Date.now() - phase.started, ...(notStarted ? { notStarted } : {}) });
        },
      });
      this.child.stdin!.write(this.keys.frame(request));
    });
  }

  private begin(name: Phase["name"], taskId: string | null, limits: PhaseLimits, handlers: Pick<Phase, "onMessage" | "fail">): Phase {
    const timer = setTimeout(() => {
      const seconds = Math.round(limits.wallMs / 100) / 10;
      this.violate({ kind: "timeout", message: `ran longer than ${seconds} s, the time limit${name === "load" ? " for loading the submission" : " of this check"} (an infinite loop?)` });
    }, limits.wallMs);
    this.phase = { name, taskId, limits, log: new ConsoleLog(limits.logBytes), protocolBytes: 0, started: Date.now(), timer, acknowledged: name !== "task", ...handlers };
    return this.phase;
  }

  private end(): void {
    if (this.phase) {
      clearTimeout(this.phase.timer);
      if (this.phase.name !== "boot") this.lastLog = { log: this.phase.log, limit: this.phase.limits.logBytes };
    }
    this.phase = null;
  }

  /** Kills the runner and fails the current phase (or, between phases, the last finished task). */
  private violate(error: StudentError): void {
    this.killedFor ??= error;
    this.kill();
    if (this.phase) this.phase.fail(error);
    else if (this.last?.outcome.ok) this.last.outcome = { ...this.last.outcome, ok: false, error } as Outcome<unknown>;
  }

  private onProtocol(chunk: Buffer): void {
    if (!this.phase) return this.lateProtocol(chunk, "wrote to the grader's protocol channel after the check finished");
    this.phase.protocolBytes += chunk.length;
    if (this.phase.protocolBytes > this.phase.limits.outputBytes) {
      const mib = (this.phase.limits.outputBytes / 1024 / 1024).toFixed(1);
      return this.violate({ kind: "output", message: `sent more than ${mib} MiB of output to the grader` });
    }
    let start = 0;
    for (let i = chunk.indexOf(10); i !== -1 && this.alive; i = chunk.indexOf(10, start)) {
      this.pendingLine.push(chunk.subarray(start, i));
      const line = this.keys.open(Buffer.concat(this.pendingLine));
      this.pendingLine = [];
      start = i + 1;
      if (line === null) return this.violate(FORGED);
      const parsed = parseRunnerLine(line);
      if (!parsed.ok) return this.violate({ kind: "output", message: `the grader's protocol channel received ${parsed.reason}` });
      this.phase?.onMessage(parsed.message);
      if (!this.phase && this.alive && start < chunk.length) return this.lateProtocol(chunk.subarray(start), "sent more messages after the check finished");
    }
    if (start < chunk.length) this.pendingLine.push(chunk.subarray(start));
  }

  /**
   * Bytes on the protocol channel between phases fail the last check. When they are exactly the runner's report
   * of an uncaught error (a promise the student left rejecting after the check returned), that error is the
   * message; anything else is misuse of the channel.
   */
  private lateProtocol(chunk: Buffer, misuse: string): void {
    const pending = this.pendingLine;
    this.pendingLine = [];
    const single = pending.length === 0 && chunk.length <= LATE_REPORT_BYTES && chunk.indexOf(10) === chunk.length - 1;
    const line = single ? this.keys.open(chunk.subarray(0, -1)) : null;
    const parsed = line === null ? null : parseRunnerLine(line);
    if (parsed?.ok && parsed.message.type === "error" && parsed.message.task === null) {
      this.retired = true;
      return this.violate({ kind: parsed.message.kind, message: `after the check returned, ${parsed.message.message}` });
    }
    this.violate({ kind: "output", message: misuse });
  }

  private onConsole(chunk: Buffer, stderr = false): void {
    if (stderr) this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-4096);
    const phase = this.phase;
    if (phase?.name === "boot") return;
    const target = phase ? { log: phase.log, limit: phase.limits.logBytes } : this.lastLog;
    if (target && !target.log.add(chunk)) {
      const mib = (target.limit / 1024 / 1024).toFixed(1);
      this.violate({ kind: "output", message: `printed more than ${mib} MiB to the console (output is capped)` });
    }
  }

  private onExit(): void {
    const phase = this.phase;
    if (!phase) {
      // Between checks the runner only exits when asked to (close) or after reporting an uncaught error: any other
      // exit happened after the last check returned, and it is that check's failure, never the next one's.
      if (!this.closing && !this.retired && !this.killedFor) this.blameLast(this.exitInfo!.code, this.exitInfo!.signal);
      return;
    }
    const { code, signal } = this.exitInfo!;
    if (phase.name === "boot" && !this.killedFor) return phase.fail({ kind: "runtime", message: `it exited during start-up (code ${code}, signal ${signal})` });
    if (phase.name === "task" && !phase.acknowledged && !this.killedFor) {
      // Died before it took this task: the exit belongs to the check that ran before, which fails for it.
      this.blameLast(code, signal);
      phase.fail({ ...crashError(code, signal, this.stderrTail, this.limits, false), notStarted: true } as StudentError);
      return;
    }
    phase.fail(this.killedFor ?? crashError(code, signal, this.stderrTail, this.limits, phase.name === "load"));
  }

  /** The last finished task fails for an exit that came after it returned. */
  private blameLast(code: number | null, signal: NodeJS.Signals | null): void {
    if (!this.last?.outcome.ok) return;
    const crash = crashError(code, signal, this.stderrTail, this.limits, false);
    this.last.outcome = { ...this.last.outcome, ok: false, error: { kind: crash.kind, message: `after the check returned, ${crash.message.replace(" before the check finished", "")}` } } as Outcome<unknown>;
  }

  /** The host pid of the launched process (prlimit/bubblewrap, or node without the sandbox). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Kills the whole process group (bubblewrap, and through --die-with-parent everything inside). */
  kill(): void {
    if (this.child.pid === undefined || this.exitInfo) return;
    killGroup(this.child);
  }

  /** Ends the runner (asking politely, then killing) and waits until its pipes are drained. */
  async close(): Promise<void> {
    this.closing = true;
    if (!this.exitInfo) {
      this.child.stdin!.end();
      const timer = setTimeout(() => this.kill(), 2000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}
