/**
 * The compile sandbox's program: reads one JSON request (source, file name, allowed imports) on stdin, compiles it
 * with esbuild's transform API and writes one JSON response on stdout. It runs under bubblewrap with no network,
 * no repository and no data folder in view, inside CPU, memory and wall-clock limits set by the engine
 * (graders/engine/compile-process.ts); student code is only ever parsed here, never run.
 */
import * as esbuild from "esbuild";
import { compileSource, PARSER_STOPPED_EXIT, type CompileRequest, type CompileResponse } from "./analyze";

function read(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on("data", (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    process.stdin.on("error", reject);
  });
}

function reply(response: CompileResponse): void {
  process.stdout.write(`${JSON.stringify(response)}\n`, () => process.exit(0));
}

async function main(): Promise<void> {
  const request = JSON.parse(await read()) as CompileRequest;
  reply(await compileSource(esbuild as unknown as Parameters<typeof compileSource>[0], request));
}

main().catch((err: unknown) => {
  if (err instanceof Error && /The service was stopped/.test(err.message)) process.exit(PARSER_STOPPED_EXIT);
  process.stderr.write(`the compiler failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(70);
});
