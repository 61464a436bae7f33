/**
 * The engine's side of a course-check host (graders/course-host/main.ts): a sandboxed process, started like the
 * runner (sandbox.ts: bubblewrap, rlimits, the permission model, an empty environment) with this course's folder
 * as the one folder of the machine it can read. Requests go out on its stdin; every line it sends on fd 3 is
 * parsed with zod, and a host that goes quiet past its wall clock, dies or says something malformed is killed and
 * is an infrastructure error (GraderInfraError): the course's code failed, not the student's.
 */
import "server-only";
import type { ChildProcess } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { z } from "zod";
import type { HostRequest } from "../course-host/protocol";
import { compileTypeScript } from "./compile";
import { AssignmentConfigError, GraderInfraError } from "./errors";
import { getSandboxBundle } from "./runner-bundle";
import { killGroup, spawnSandboxed } from "./sandbox-spawn";

/** The host's RLIMIT_CPU over its life and its V8 heap: trusted-side experiments (reference training) run here. */
const HOST_CPU_SECONDS = 4 * 3600;
const HOST_MEMORY_MB = 4096;
/** Booting (node, TF.js, the SDK) and loading the course's modules. */
const BOOT_MS = 60_000;
const MAX_LINE_BYTES = 256 * 1024 * 1024;
const LOG_TAIL_BYTES = 16 * 1024;

const messageSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("ready") }),
  z.strictObject({ type: z.literal("reply"), id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ type: z.literal("reply"), id: z.number().int(), ok: z.literal(false), error: z.string().max(20_000), config: z.boolean().optional() }),
  z.strictObject({ type: z.literal("compile"), id: z.number().int(), source: z.string().max(1024 * 1024), filename: z.string().max(200), imports: z.array(z.string().max(200)).max(16) }),
]);
// A discriminated union cannot hold two members with one tag; the reply's two forms are told apart by `ok`.
const lineSchema = z.union([messageSchema.options[0], z.union([messageSchema.options[1], messageSchema.options[2]]), messageSchema.options[3]]);

/** Tests only: `permissionModel: false` drops Node's permission model in new hosts, so the hostile suite can prove the bubblewrap walls hold on their own. */
export const courseHostTestHooks = { permissionModel: true };

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout; op: string };

export class CourseHost {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private logs = "";
  private dead: Error | null = null;
  private readonly ready: Promise<void>;

  private constructor(private readonly child: ChildProcess, readonly courseDir: string) {
    let signalReady!: () => void;
    this.ready = new Promise<void>((resolve) => (signalReady = resolve));
    const fds = child.stdio as unknown as Array<Readable | Writable | null>;
    for (const s of [fds[1], fds[2]] as Readable[]) s.on("data", (chunk: Buffer) => (this.logs = (this.logs + chunk.toString("utf8")).slice(-LOG_TAIL_BYTES)));
    let buffered: Buffer[] = [];
    let size = 0;
    (fds[3] as Readable).on("data", (chunk: Buffer) => {
      let start = 0;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, start)) {
        buffered.push(chunk.subarray(start, i));
        const line = Buffer.concat(buffered).toString("utf8");
        buffered = [];
        size = 0;
        start = i + 1;
        this.onLine(line, signalReady);
      }
      if (start < chunk.length) buffered.push(chunk.subarray(start));
      size += chunk.length - start;
      if (size > MAX_LINE_BYTES) this.fail(new GraderInfraError("the course-check host sent a message larger than 256 MiB"));
    });
    child.on("exit", (code, signal) => this.fail(new GraderInfraError(`the course-check host exited (${signal ?? `status ${code}`})${this.tail()}`)));
    child.on("error", (err) => this.fail(new GraderInfraError(`the course-check host could not start: ${err.message}`)));
    // An idle host never keeps the engine's process alive; a request in flight does (its timer).
    child.unref();
    for (const s of fds) (s as unknown as { unref?: () => void } | null)?.unref?.();
  }

  /** Starts a host for the course at `courseDir` and waits until it booted. */
  static async start(courseDir: string): Promise<CourseHost> {
    const bundle = await getSandboxBundle("course-host");
    const child = spawnSandboxed(bundle, { cpuSeconds: HOST_CPU_SECONDS, memoryMb: HOST_MEMORY_MB }, { protocol: true, courseDir, permissionModel: courseHostTestHooks.permissionModel });
    const host = new CourseHost(child, courseDir);
    const timer = setTimeout(() => host.fail(new GraderInfraError(`the course-check host did not boot within ${BOOT_MS / 1000} s${host.tail()}`)), BOOT_MS);
    try {
      await Promise.race([host.ready, new Promise((_, reject) => host.pending.set(0, { resolve: () => undefined, reject, timer, op: "boot" }))]);
    } finally {
      clearTimeout(timer);
      host.pending.delete(0);
    }
    return host;
  }

  get alive(): boolean {
    return this.dead === null;
  }

  private tail(): string {
    const t = this.logs.trim();
    return t ? `; its last output:\n${t.slice(-2000)}` : "";
  }

  private fail(err: Error): void {
    if (this.dead) return;
    this.dead = err;
    killGroup(this.child);
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    this.pending.clear();
  }

  private onLine(line: string, signalReady: () => void): void {
    let parsed: z.infer<typeof lineSchema>;
    try {
      parsed = lineSchema.parse(JSON.parse(line));
    } catch {
      this.fail(new GraderInfraError(`the course-check host sent a malformed message: ${line.slice(0, 200)}`));
      return;
    }
    if (parsed.type === "ready") return signalReady();
    if (parsed.type === "compile") {
      const { id, source, filename, imports } = parsed;
      void compileTypeScript(source, { filename, imports }).then(
        (o) => this.write({ id, op: "compiled", outcome: o.ok ? { ok: true, code: o.module.code, map: o.module.map } : { ok: false, message: o.message } }),
        (err: unknown) => this.write({ id, op: "compiled", outcome: { ok: false, message: String(err) } }),
      );
      return;
    }
    const p = this.pending.get(parsed.id);
    if (!p || parsed.id === 0) return this.fail(new GraderInfraError(`the course-check host answered a request it was not asked (${parsed.id})`));
    this.pending.delete(parsed.id);
    clearTimeout(p.timer);
    if (parsed.ok) p.resolve(parsed.value);
    else p.reject(parsed.config ? new AssignmentConfigError(parsed.error) : new Error(parsed.error));
  }

  private write(req: HostRequest): void {
    (this.child.stdio[0] as Writable).write(`${JSON.stringify(req)}\n`);
  }

  /**
   * Sends one request and validates the answer with `schema`. A course error (a throw in prepare or score) rejects
   * with a plain Error (the caller names the check); the host's death or silence with a GraderInfraError.
   */
  async call<T>(req: HostRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never, schema: z.ZodType<T>, wallMs: number): Promise<T> {
    if (this.dead) throw this.dead;
    const id = this.nextId++;
    const value = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new GraderInfraError(`the course's code did not answer '${req.op}' within ${Math.round(wallMs / 1000)} s; the course-check host was stopped${this.tail()}`)), wallMs);
      this.pending.set(id, { resolve, reject, timer, op: req.op });
      this.write({ ...req, id } as HostRequest);
    });
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new GraderInfraError(`the course-check host's answer to '${req.op}' is malformed: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  /** Ends the host (it exits when its stdin closes), killing it if it lingers. */
  async close(): Promise<void> {
    if (this.dead) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    (this.child.stdio[0] as Writable).end();
    const timer = setTimeout(() => killGroup(this.child), 2000);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    this.fail(new GraderInfraError("the course-check host was stopped"));
  }
}
