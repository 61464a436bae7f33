/**
 * An assignment's checks as the engine holds them: descriptions (id, title, limits, task…) and stand-ins whose
 * prepare/next/score ask the course-check host (course-host.ts), where the course's code runs. `hidden` is a handle:
 * the hidden data stays in the host. One host per course code serves that assignment's gradings (each through a
 * lease, which hands back its hidden data when the grading ends); descriptions are cached by the compiled code, and
 * the host that described an assignment is the one its gradings use.
 */
import "server-only";
import { createHash } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import type { Wire } from "../runner/protocol-types";
import type { CheckDescription, CourseCode, HostContext, HostDescription } from "../course-host/protocol";
import type { TaskDefinition } from "../sdk/task";
import type { AnyCheck, CheckContext, CheckLimits, CheckScore, Prepared } from "./check";
import { CourseHost } from "./course-host";
import { hostToWire, inputWireToHost, wireToHost } from "./host-values";
import { inputWireSchema, wireSchema } from "./protocol";

/** How long an assignment's host outlives its last grading. */
const HOST_IDLE_MS = 5 * 60_000;

const descriptionSchema: z.ZodType<HostDescription> = z.strictObject({
  checks: z.array(
    z.strictObject({
      id: z.string().max(200),
      title: z.string().max(1000),
      visibility: z.enum(["visible", "hidden", "after_due_date"]).optional(),
      limits: z.record(z.string(), z.number()).optional(),
      dependsOn: z.array(z.string().max(200)).max(100).optional(),
      isolate: z.boolean().optional(),
      experiment: z.boolean().optional(),
      task: z.union([z.strictObject({ builtin: z.string().max(200) }), z.strictObject({ course: z.string().max(200) })]),
    }),
  ).max(200) as z.ZodType<CheckDescription[]>,
  tasks: z.array(z.strictObject({ name: z.string().max(200), file: z.string().max(4096) })).max(500),
  canaries: z.array(z.string().max(1000)).max(100),
});
const preparedSchema = z.strictObject({ handle: z.number().int(), input: inputWireSchema, runnerSeed: z.number().optional() });
const nextSchema = z.strictObject({ prepared: preparedSchema.nullable() });
const validatedSchema = z.union([z.strictObject({ ok: z.literal(true), data: wireSchema }), z.strictObject({ ok: z.literal(false), message: z.string().max(5000) })]);
const scoreSchema = z.object({
  fraction: z.number(),
  feedback: z.unknown().transform((f) => (typeof f === "string" ? f : String(f))),
  passed: z.boolean().optional(),
  artifacts: z.array(z.unknown()).max(1000),
  leaderboard: z.array(z.strictObject({ name: z.string().max(200), value: z.number(), order: z.enum(["asc", "desc"]) })).max(100),
});

/** The hidden data of one prepared run: a handle into the host that prepared it. */
export interface HiddenHandle {
  readonly handle: number;
}

/** A course task as the engine knows it: by name; its schemas live in the host. `output` refuses everything. */
export interface RemoteTask extends TaskDefinition {
  readonly remote: true;
}

export function isRemoteTask(task: unknown): task is RemoteTask {
  return typeof task === "object" && task !== null && (task as RemoteTask).remote === true;
}

function remoteTask(name: string): RemoteTask {
  return Object.freeze({
    name,
    remote: true as const,
    output: z.never(),
    run: () => Promise.reject(new Error(`task '${name}' runs in the runner, not here`)),
  });
}

type Code = { checks: CourseCode | null; tasks: CourseCode[] };

/**
 * The one host of one course code (an assignment's checks with its course's tasks): shared by that assignment's
 * gradings, as the course's module state was when checks ran in the engine's process (caches of reference
 * experiments survive from one grading to the next), never by another assignment or course. Restarted when it
 * died; closed HOST_IDLE_MS after its last grading.
 */
class SharedHost {
  private latest: Promise<CourseHost> | null = null;
  private users = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly courseRoot: string,
    private readonly code: Code,
  ) {}

  offer(host: CourseHost): void {
    this.latest = Promise.resolve(host);
    this.idle();
  }

  /** The live host, started (or restarted) when there is none. Concurrent callers get the same one. */
  current(): Promise<CourseHost> {
    const previous = this.latest;
    const next = (async () => {
      const host = previous ? await previous.catch(() => null) : null;
      return host?.alive ? host : (await startLoaded(this.courseRoot, this.code)).host;
    })();
    this.latest = next;
    return next;
  }

  /** The host if one is running; never starts one. */
  async running(): Promise<CourseHost | null> {
    const host = this.latest ? await this.latest.catch(() => null) : null;
    return host?.alive ? host : null;
  }

  use(): void {
    this.users++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  release(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0) this.idle();
  }

  private idle(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const host = this.latest;
      this.latest = null;
      void host?.then((h) => h.close(), () => undefined);
    }, HOST_IDLE_MS);
    this.timer.unref();
  }
}

/** One grading's use of its assignment's host; close() hands back the hidden data it made there. */
export class HostLease {
  private using = false;
  private readonly handles = new Set<number>();

  constructor(
    readonly courseRoot: string,
    private readonly shared: SharedHost,
  ) {}

  /** Starts the host now if it is not running (e.g. while the submission compiles); errors surface at get(). */
  warm(): void {
    this.get().catch(() => undefined);
  }

  get(): Promise<CourseHost> {
    if (!this.using) {
      this.using = true;
      this.shared.use();
    }
    return this.shared.current();
  }

  /** Remembers a handle of hidden data this grading made, to drop it at close(). */
  made(handle: number): void {
    this.handles.add(handle);
  }

  async close(): Promise<void> {
    if (!this.using) return;
    this.using = false;
    const handles = [...this.handles];
    this.handles.clear();
    try {
      const host = await this.shared.running();
      if (host && handles.length) await host.call({ op: "release", handles }, z.null(), 10_000);
    } catch {
      // a host that died took its hidden data with it
    } finally {
      this.shared.release();
    }
  }

  /** A cancelled or failed grading: its hidden data goes, the host stays for the assignment's other gradings. */
  kill(): void {
    void this.close();
  }
}

/** Starts a host and loads the course's code in it; the description is the host's answer. */
export async function startLoaded(courseRoot: string, code: Code): Promise<{ host: CourseHost; description: HostDescription }> {
  const host = await CourseHost.start(courseRoot);
  try {
    const description = await host.call({ op: "load", checks: code.checks, tasks: code.tasks, courseRoot }, descriptionSchema, 120_000);
    return { host, description };
  } catch (err) {
    host.kill();
    throw err;
  }
}

const described = new Map<string, Promise<{ description: HostDescription; shared: SharedHost }>>();

/** The description of the course code `code` (cached by its content), and a lease on the host that runs it. */
export async function describeCourseCode(courseRoot: string, code: Code): Promise<{ description: HostDescription; lease: HostLease }> {
  const key = createHash("sha256").update(JSON.stringify([courseRoot, code])).digest("hex");
  let entry = described.get(key);
  if (!entry) {
    entry = startLoaded(courseRoot, code).then(({ host, description }) => {
      const shared = new SharedHost(courseRoot, code);
      shared.offer(host);
      return { description, shared };
    });
    described.set(key, entry);
    entry.catch(() => described.delete(key));
  }
  const { description, shared } = await entry;
  return { description, lease: new HostLease(courseRoot, shared) };
}

/** Milliseconds the host may take for one prepare/next/score of a check. */
function wallMs(limits: CheckLimits): number {
  return Math.max(300, 10 * limits.wallSeconds) * 1000;
}

function hostContext(ctx: CheckContext): HostContext {
  return { assignment: ctx.assignment, checkId: ctx.checkId, seed: ctx.seed, dir: path.resolve(ctx.dir) };
}

function fromHost(p: z.infer<typeof preparedSchema>, lease: HostLease): Prepared<unknown, HiddenHandle> {
  lease.made(p.handle);
  return { input: inputWireToHost(p.input as Wire), hidden: { handle: p.handle }, ...(p.runnerSeed === undefined ? {} : { runnerSeed: p.runnerSeed }) };
}

function handleOf(hidden: unknown): number {
  const h = (hidden as HiddenHandle | null)?.handle;
  if (typeof h !== "number") throw new Error("hidden data must be the handle prepare() returned");
  return h;
}

/** The stand-in for a described check: its code runs in the lease's host. */
export function remoteCheck(d: CheckDescription, limits: CheckLimits, lease: HostLease): AnyCheck {
  const task = "builtin" in d.task ? (d.task.builtin as AnyCheck["task"]) : remoteTask(d.task.course);
  const ms = wallMs(limits);
  return {
    id: d.id,
    title: d.title,
    visibility: d.visibility ?? "visible",
    limits: d.limits,
    dependsOn: d.dependsOn,
    isolate: d.isolate,
    experiment: d.experiment,
    task,
    async prepare(ctx) {
      const host = await lease.get();
      return fromHost(await host.call({ op: "prepare", ctx: hostContext(ctx) }, preparedSchema, ms), lease) as never;
    },
    async next(output, hidden, ctx, stage) {
      const host = await lease.get();
      const r = await host.call({ op: "next", ctx: hostContext(ctx), handle: handleOf(hidden), output: hostToWire(output), stage }, nextSchema, ms);
      return (r.prepared ? fromHost(r.prepared, lease) : null) as never;
    },
    async score(output, hidden, ctx): Promise<CheckScore> {
      const host = await lease.get();
      const wire = await host.call({ op: "score", ctx: hostContext(ctx), handle: handleOf(hidden), output: hostToWire(output) }, wireSchema, ms);
      const parsed = scoreSchema.safeParse(wireToHost(wire));
      if (!parsed.success) throw new Error(`score() returned ${parsed.error.issues[0]?.path.join(".") || "a value"} that is not a score: ${parsed.error.issues[0]?.message}`);
      return parsed.data as CheckScore;
    },
  };
}

/** Validates a course task's output in the host (its schema is the course's code). */
export async function validateRemoteOutput(lease: HostLease, checkId: string, output: unknown, limits: CheckLimits): Promise<{ ok: true; data: unknown } | { ok: false; message: string }> {
  const host = await lease.get();
  const r = await host.call({ op: "validate", checkId, output: hostToWire(output) }, validatedSchema, wallMs(limits));
  return r.ok ? { ok: true, data: wireToHost(r.data as Wire) } : r;
}
