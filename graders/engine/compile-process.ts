/**
 * Runs the compile sandbox (graders/compiler/main.ts) for one source: the same bubblewrap walls as the runner (no
 * network, no repository, no .data/, no hidden folder in view), plus a wall clock, a CPU limit and a memory
 * watchdog, so a source that makes the TypeScript parser slow or hungry costs at most those limits and never
 * blocks the trusted process. The sandbox is killed when the limit is reached.
 */
import { PARSER_STOPPED_EXIT, type CompileRequest, type CompileResponse } from "../compiler/analyze";
import { GraderInfraError } from "./errors";
import { residentLimitBytes, watchResidentMemory } from "./memory-watch";
import { getSandboxBundle } from "./runner-bundle";
import { killGroup, spawnSandboxed } from "./sandbox-spawn";

/** CPU seconds a compile may take (real sources need well under one second). */
export const COMPILE_SECONDS = 10;
/**
 * The wall clock a compile of `seconds` CPU seconds may take: twice that plus two seconds, so that a compile on a
 * loaded machine (a deadline rush, a CI run) is not killed for waiting its turn on a core, while a source that makes
 * the parser slow still ends at its CPU limit.
 */
const compileWallSeconds = (seconds: number) => 2 * seconds + 2;
const COMPILE_MEMORY_MB = 512;
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export type CompileFailure = { ok: false; message: string; limit?: "time" | "memory" };

/** Compiles in the sandbox. Resolves with the compiler's answer or a limit failure; infrastructure faults throw. */
export async function compileInSandbox(request: CompileRequest, opts: { seconds?: number } = {}): Promise<CompileResponse | CompileFailure> {
  const seconds = opts.seconds ?? COMPILE_SECONDS;
  const bundle = await getSandboxBundle("compiler");
  const child = spawnSandboxed(bundle, { cpuSeconds: seconds, memoryMb: COMPILE_MEMORY_MB }, { protocol: false });
  const kill = () => killGroup(child);
  let limit: "time" | "memory" | "output" | null = null;
  const out: Buffer[] = [];
  let outBytes = 0;
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    outBytes += chunk.length;
    if (outBytes > MAX_RESPONSE_BYTES) {
      limit ??= "output";
      return kill();
    }
    out.push(chunk);
  });
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-4096)));
  const timer = setTimeout(() => {
    limit ??= "time";
    kill();
  }, compileWallSeconds(seconds) * 1000);
  const stopWatch = child.pid === undefined ? () => undefined : watchResidentMemory(child.pid, residentLimitBytes(COMPILE_MEMORY_MB), () => {
    limit ??= "memory";
    kill();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal }));
    child.on("error", () => child.pid === undefined && resolve({ code: null, signal: null }));
  });
  child.stdin!.end(JSON.stringify(request));
  const { code, signal } = await exit;
  clearTimeout(timer);
  stopWatch();
  // The compiler's own CPU limit (SIGXCPU), or its esbuild child's.
  const cpuOut = signal === "SIGXCPU" || code === 128 + 24 || code === PARSER_STOPPED_EXIT;
  if (limit === "time" || cpuOut) {
    return { ok: false, limit: "time", message: `${request.filename}: compiling took longer than ${seconds} s, the limit for compiling a submission. Long chains of nested expressions such as a < (b < (c … make the TypeScript parser slow; simplify that code.` };
  }
  if (limit === "memory") return { ok: false, limit: "memory", message: `${request.filename}: compiling needed more memory than the compiler may use; simplify or shorten the code.` };
  if (limit === "output") return { ok: false, message: `${request.filename}: the compiled code is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB` };
  const text = Buffer.concat(out).toString("utf8");
  try {
    if (code === 0) return JSON.parse(text) as CompileResponse;
  } catch {
    // fall through: a compiler that answered garbage is broken
  }
  const detail = stderr.trim().split("\n").slice(-6).join("\n");
  throw new GraderInfraError(`the compile sandbox failed (exit code ${code}, signal ${signal})${detail ? `:\n${detail}` : ""}`);
}
