/**
 * The course-check host: one sandboxed process per assignment that runs a course author's code — an assignment's
 * hidden/checks.ts and the course's task.ts files — and nothing else. It sees only this course's folder (read-only),
 * node and the TF.js packages; no network, no platform repository, no database, no secrets in its environment. The
 * engine sends requests on stdin (load, prepare, next, validate, score) and validates every reply; hidden data
 * stays here, named by handles, so it never needs to leave the host except as scores and feedback.
 */
import { isTaskDefinition, type TaskDefinition } from "../sdk/task";
import type { AnyCheck, CheckContext, Prepared } from "../engine/check";
import { hostToWire, wireToHost } from "../engine/host-values";
import { createRng } from "../tf/rng";
import { CourseConfigError, evaluateCourseModule } from "./course-module";
import { answerCompile, send } from "./link";
import type { CheckDescription, HostContext, HostDescription, HostRequest, PreparedWire } from "./protocol";

/** Hidden data by handle, until its grading ends (release); the oldest beyond this are dropped regardless. */
const MAX_HANDLES = 256;
const hidden = new Map<number, unknown>();
let nextHandle = 1;
const checks = new Map<string, AnyCheck>();
const tasks = new Map<string, TaskDefinition>();
let courseRoot = "/";

function keep(value: unknown): number {
  const handle = nextHandle++;
  hidden.set(handle, value);
  if (hidden.size > MAX_HANDLES) hidden.delete(hidden.keys().next().value!);
  return handle;
}

function held(handle: number): unknown {
  if (!hidden.has(handle)) throw new Error(`no hidden data under handle ${handle}`);
  return hidden.get(handle);
}

function checkOf(id: string): AnyCheck {
  const check = checks.get(id);
  if (!check) throw new Error(`no check '${id}' in this host`);
  return check;
}

function context(ctx: HostContext): CheckContext {
  return { ...ctx, rng: createRng(ctx.seed), root: courseRoot };
}

function describe(check: AnyCheck): CheckDescription {
  const task = check?.task as unknown;
  return {
    id: typeof check?.id === "string" ? check.id : "",
    title: String(check?.title),
    visibility: check?.visibility,
    limits: check?.limits ? { ...check.limits } : undefined,
    dependsOn: check?.dependsOn ? [...check.dependsOn].map(String) : undefined,
    isolate: check?.isolate,
    experiment: check?.experiment,
    task: isTaskDefinition(task) ? { course: task.name } : { builtin: String(task) },
  };
}

function load(req: Extract<HostRequest, { op: "load" }>): HostDescription {
  courseRoot = req.courseRoot;
  const files: HostDescription["tasks"] = [];
  for (const { file, code } of req.tasks) {
    const task = evaluateCourseModule(code, file).default;
    if (!isTaskDefinition(task)) throw new CourseConfigError(`${file}: must export default defineTask({ name, output, run }) from "@unlabeled/sdk/task"`);
    const twin = files.find((t) => t.name === task.name);
    if (twin) throw new CourseConfigError(`task '${task.name}' is defined twice: ${twin.file} and ${file}`);
    tasks.set(task.name, task);
    files.push({ name: task.name, file });
  }
  if (!req.checks) return { checks: [], tasks: files, canaries: [] };
  const mod = evaluateCourseModule(req.checks.code, req.checks.file);
  const list = mod.checks as AnyCheck[] | undefined;
  if (!Array.isArray(list)) throw new CourseConfigError(`${req.checks.file} must export checks: an array of defineCheck(...)`);
  for (const check of list) if (check && typeof check.id === "string" && !checks.has(check.id)) checks.set(check.id, check);
  const canaries = Object.values(mod).filter((v): v is string => typeof v === "string" && v.startsWith("unlabeled-hidden-"));
  return { checks: list.map(describe), tasks: files, canaries };
}

function courseTask(check: AnyCheck): TaskDefinition | null {
  return typeof check.task === "string" ? null : (tasks.get(check.task.name) ?? null);
}

function wired(check: AnyCheck, prepared: Prepared<unknown, unknown>): PreparedWire {
  const task = courseTask(check);
  if (task?.input) {
    const parsed = task.input.safeParse(prepared.input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`built an input that task '${task.name}' rejects: ${issue ? `${issue.path.join(".") || "input"}: ${issue.message}` : "invalid"}`);
    }
  }
  let input;
  try {
    input = hostToWire(prepared.input);
  } catch (err) {
    throw new Error(`built an input that cannot be sent: ${err instanceof Error ? err.message : String(err)}`);
  }
  const runnerSeed = typeof prepared.runnerSeed === "number" ? prepared.runnerSeed : undefined;
  return { handle: keep(prepared.hidden), input, runnerSeed };
}

async function handle(req: HostRequest): Promise<unknown> {
  switch (req.op) {
    case "load":
      return load(req);
    case "prepare": {
      const check = checkOf(req.ctx.checkId);
      return wired(check, await check.prepare(context(req.ctx)));
    }
    case "next": {
      const check = checkOf(req.ctx.checkId);
      const following = await check.next?.(wireToHost(req.output) as never, held(req.handle), context(req.ctx), req.stage);
      return { prepared: following ? wired(check, following) : null };
    }
    case "validate": {
      const task = courseTask(checkOf(req.checkId));
      if (!task) throw new Error(`check '${req.checkId}' has no course task`);
      const parsed = task.output.safeParse(wireToHost(req.output));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { ok: false, message: `${issue?.path.join(".")}: ${issue?.message}` };
      }
      return { ok: true, data: hostToWire(parsed.data) };
    }
    case "score": {
      const check = checkOf(req.ctx.checkId);
      const s = await check.score(wireToHost(req.output) as never, held(req.handle), context(req.ctx));
      return hostToWire({ fraction: s?.fraction, feedback: s?.feedback, passed: s?.passed, artifacts: s?.artifacts ?? [], leaderboard: s?.leaderboard ?? [] });
    }
    case "release":
      for (const h of req.handles) hidden.delete(h);
      return null;
    case "compiled":
      answerCompile(req.id, req.outcome);
      return undefined;
  }
}

function serve(req: HostRequest): void {
  handle(req).then(
    (value) => {
      if (req.op !== "compiled") send({ type: "reply", id: req.id, ok: true, value });
    },
    (err: unknown) => send({ type: "reply", id: req.id, ok: false, error: err instanceof Error ? err.message : String(err), config: err instanceof CourseConfigError }),
  );
}

let pending: Buffer[] = [];
process.stdin.on("data", (chunk: Buffer) => {
  let start = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, start)) {
    pending.push(chunk.subarray(start, i));
    const line = Buffer.concat(pending).toString("utf8");
    pending = [];
    start = i + 1;
    if (line.trim()) serve(JSON.parse(line) as HostRequest);
  }
  if (start < chunk.length) pending.push(chunk.subarray(start));
});
process.stdin.on("end", () => process.exit(0));
send({ type: "ready" });
