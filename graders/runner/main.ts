/**
 * The untrusted runner: runs inside the sandbox, next to the student's code. It reads its channel key, selects the
 * TF.js backend, hardens the process (harden.ts: frozen intrinsics, a TF.js facade for student code, the tensor
 * ledger), reports `boot`, then evaluates the submission the engine sends and runs tasks on fresh module
 * instances, returning raw outputs. It holds nothing hidden and computes no score.
 */
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../tf/backend";
import { useRandomSource } from "../tf/random-source";
import { createRng, deriveSeed } from "../tf/rng";
import { loadKey, readRequests, send } from "./channel";
import { describeThrown, isRunnerBug, RunnerBug, StudentFailure } from "./errors";
import { hardenRunner, type HardenedRunner } from "./harden";
import { SUBMISSION_JS, type EngineMessage, type ProgressFields } from "./protocol-types";
import { compileModule, describeExports, type ModuleFactory } from "./submission";
import { BUILT_IN_TASKS } from "./tasks";
import type { Task } from "./tasks/types";
import type { TaskContext } from "./tasks/types";
import { studentTf } from "./tf-facade";
import { fromWire, toWire } from "./values";

const PROGRESS_MIN_MS = 200;
const exit = process.exit.bind(process);
const writeStderr = process.stderr.write.bind(process.stderr);

let factory: ModuleFactory | null = null;
let currentTask: string | null = null;
let backendName = "";
let hardened: HardenedRunner | null = null;
let facade: Readonly<Record<string, unknown>> = {};
/** The built-in tasks and the course's own (each assignment's task.ts), by name. */
const TASKS: Record<string, Task> = Object.assign(Object.create(null), BUILT_IN_TASKS);

function importable(): Record<string, unknown> {
  return { "@tensorflow/tfjs": facade };
}

function report(task: string | null, err: unknown, context: string): void {
  if (isRunnerBug(err)) {
    send({ type: "fatal", message: err.message });
    exit(70);
  }
  const { kind, message } = describeThrown(err, context);
  send({ type: "error", task, kind, message });
}

function handleInit(code: string): void {
  useRandomSource(createRng(0));
  try {
    factory = compileModule(code, SUBMISSION_JS, hardened!.scope);
    send({ type: "ready", exports: describeExports(factory(importable())) });
  } catch (err) {
    report(null, err, "loading the submission threw");
    exit(1);
  }
}

function progressReporter(task: string): (fields: ProgressFields) => void {
  let last = 0;
  let lastPhase = "";
  return (fields) => {
    const now = performance.now();
    if (fields.phase === lastPhase && now - last < PROGRESS_MIN_MS) return;
    last = now;
    lastPhase = fields.phase;
    // JSON has no NaN: a diverging run reports its non-finite metrics by name instead of breaking the message.
    const metrics: Record<string, number> = {};
    const odd: string[] = [];
    for (const [key, value] of Object.entries(fields.metrics ?? {})) {
      if (Number.isFinite(value)) metrics[key] = value;
      else odd.push(`${key} is ${value}`);
    }
    const message = odd.length ? [fields.message, odd.join(", ")].filter(Boolean).join("; ").slice(0, 500) : fields.message;
    send({ type: "progress", task, ...fields, ...(fields.metrics ? { metrics } : {}), ...(message === undefined ? {} : { message }) });
  };
}

/** Encodes what the task returned; student getters and proxies run here, so their throws are the student's. */
function encodeReturned(value: unknown) {
  try {
    return toWire(value);
  } catch (err) {
    if (err instanceof StudentFailure) throw err;
    const { kind, message } = describeThrown(err, "reading the value the submission returned threw");
    throw new StudentFailure(kind, message);
  }
}

async function handleTask(message: Extract<EngineMessage, { type: "task" }>): Promise<void> {
  const task = Object.prototype.hasOwnProperty.call(TASKS, message.name) ? TASKS[message.name] : undefined;
  if (!task || !factory || !hardened) throw new RunnerBug(task ? "a task arrived before the submission" : `unknown task '${message.name}'`);
  currentTask = message.id;
  send({ type: "started", task: message.id });
  useRandomSource(createRng(deriveSeed(message.seed, "Math.random")));
  if (tf.getBackend() !== backendName) await tf.setBackend(backendName);
  tf.engine().startScope();
  try {
    const input = fromWire(message.input);
    const scope = hardened.scope;
    const ctx: TaskContext = {
      tf,
      exports: factory(importable()),
      evaluate: (code, filename, modules) => compileModule(code, filename, scope)(modules),
      studentTf: facade,
      ledger: hardened.ledger,
      progress: progressReporter(message.id),
      seed: message.seed,
    };
    const value = await task(input, ctx);
    send({ type: "result", task: message.id, output: encodeReturned(value) });
  } catch (err) {
    report(message.id, err, "the check failed");
  } finally {
    currentTask = null;
    tf.engine().endScope();
    tf.disposeVariables();
  }
}

async function handle(message: EngineMessage): Promise<void> {
  try {
    if (message.type === "init") handleInit(message.code);
    else await handleTask(message);
  } catch (err) {
    report(currentTask, err, "the runner failed");
  }
}

function onUncaught(err: unknown): void {
  report(currentTask, err, currentTask ? "an uncaught error escaped while the check ran" : "an uncaught error escaped");
  exit(1);
}

/** Console writes block until the engine reads them, so the engine's output cap acts while the code prints. */
function blockingConsole(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const handle = (stream as unknown as { _handle?: { setBlocking?: (on: boolean) => number } })._handle;
    handle?.setBlocking?.(true);
  }
}

async function boot(): Promise<void> {
  if (!loadKey()) {
    writeStderr("the runner received no channel key on fd 5\n");
    exit(70);
  }
  blockingConsole();
  process.on("uncaughtException", onUncaught);
  process.on("unhandledRejection", onUncaught);
  try {
    // The self-test (~50 ms) checks the project's training kernels against stock cpu; GRADER_TF_SELF_TEST=0 skips it.
    const backend = await selectBackend({ selfTest: process.env.GRADER_TF_SELF_TEST !== "0" });
    backendName = backend.name;
    // --host-access: tests only (a launch option the worker and the CLI never set), to prove the OS walls hold.
    hardened = hardenRunner(tf, require.cache as Record<string, { exports: unknown }>, { hostAccess: process.argv.includes("--host-access") });
    facade = studentTf(tf, backendName);
    send({ type: "boot", backend: backend.name, detail: backend.detail, tfjs: tf.version.tfjs });
  } catch (err) {
    send({ type: "fatal", message: `the runner could not start TF.js: ${err instanceof Error ? err.message : String(err)}` });
    exit(70);
  }
  readRequests(handle, () => {
    writeStderr("the runner's input failed verification\n");
    exit(70);
  }, () => exit(0));
}

/**
 * Starts the runner with the course's tasks. The runner bundle's entry (graders/engine/runner-bundle.ts) imports
 * this module and every assignment's task.ts, then calls it.
 */
export function startRunner(courseTasks: ReadonlyArray<{ name: string; run: Task }>): void {
  for (const t of courseTasks) {
    if (Object.prototype.hasOwnProperty.call(TASKS, t.name)) throw new Error(`task '${t.name}' is defined twice`);
    TASKS[t.name] = t.run;
  }
  void boot();
}
