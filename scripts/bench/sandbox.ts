/**
 * `npm run bench -- sandbox [--runs N] [--json]`: start-to-exit time of a trivial submission (start the runner,
 * load the submission, one call of addTensors, exit) in the bubblewrap sandbox and as a bare `node runner.cjs`,
 * alternating in one process, with the ratio of the medians. A benchmark, not a test.
 */
import { compileTypeScript } from "../../graders/engine/compile";
import { hostToWire, tensor } from "../../graders/engine/host-values";
import { getRunnerBundle, type RunnerBundle } from "../../graders/engine/runner-bundle";
import { RunnerProcess } from "../../graders/engine/runner-process";
import { assertSandboxAvailable } from "../../graders/engine/sandbox";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";
import { measureQueueLatency } from "./queue-latency";

const TRIVIAL = `import * as tf from "@tensorflow/tfjs";\nexport function addTensors(a: tf.Tensor, b: tf.Tensor): tf.Tensor {\n  return tf.add(a, b);\n}\n`;
const LIMITS = { wallMs: 30_000, outputBytes: 1 << 20, logBytes: 1 << 20 };

interface Timing {
  totalMs: number;
  bootMs: number;
}

async function startToExit(bundle: RunnerBundle, code: string, bare: boolean): Promise<Timing> {
  const started = performance.now();
  const runner = await RunnerProcess.start(bundle, { cpuSeconds: 60, memoryMb: 512 }, { bare });
  const bootMs = performance.now() - started;
  const loaded = await runner.load(code, LIMITS);
  if (!loaded.ok) throw new Error(`the trivial submission did not load: ${loaded.error.message}`);
  const input = hostToWire({ export: "addTensors", calls: [{ args: [tensor([1, 2, 3]), tensor([4, 5, 6])] }] });
  const { outcome } = await runner.runTask("bench", { name: "call", input, seed: 1 }, LIMITS, () => undefined);
  if (!outcome.ok) throw new Error(`the trivial task failed: ${outcome.error.message}`);
  await runner.close();
  return { totalMs: performance.now() - started, bootMs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const sandboxBench: CliCommand = {
  name: "sandbox",
  summary: "Sandboxed vs bare start-to-exit time of a trivial submission, as a ratio",
  usage: "sandbox [--runs N] [--submissions N] [--json]",
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { strings: ["runs", "submissions"], booleans: ["json"] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const runs = flags.runs === undefined ? 15 : Number(flags.runs);
    if (!Number.isInteger(runs) || runs < 3 || runs > 200)
      throw new UsageError("--runs must be an integer from 3 to 200");
    const submissions = flags.submissions === undefined ? 50 : Number(flags.submissions);
    if (!Number.isInteger(submissions) || submissions < 1 || submissions > 1000)
      throw new UsageError("--submissions must be an integer from 1 to 1000");
    if (assertSandboxAvailable() === "none")
      throw new UsageError("GRADER_SANDBOX=none: there is no sandbox to measure");
    const bundle = await getRunnerBundle();
    const compiled = await compileTypeScript(TRIVIAL);
    if (!compiled.ok) throw new Error(compiled.message);
    const code = compiled.module.code;
    await startToExit(bundle, code, true);
    await startToExit(bundle, code, false);
    const sandboxed: Timing[] = [];
    const bare: Timing[] = [];
    for (let i = 0; i < runs; i++) {
      // Alternate the order so drift on a shared machine hits both sides alike.
      if (i % 2) {
        bare.push(await startToExit(bundle, code, true));
        sandboxed.push(await startToExit(bundle, code, false));
      } else {
        sandboxed.push(await startToExit(bundle, code, false));
        bare.push(await startToExit(bundle, code, true));
      }
    }
    const latency = await measureQueueLatency(submissions);
    const report = {
      runs,
      queue: {
        submissions,
        p50Ms: Math.round(latency.p50Ms),
        p95Ms: Math.round(latency.p95Ms),
        meanMs: Math.round(latency.meanMs),
        allScored: latency.scores.every((s) => s === 10),
      },
      sandboxedMedianMs: Math.round(median(sandboxed.map((t) => t.totalMs))),
      bareMedianMs: Math.round(median(bare.map((t) => t.totalMs))),
      sandboxedBootMedianMs: Math.round(median(sandboxed.map((t) => t.bootMs))),
      bareBootMedianMs: Math.round(median(bare.map((t) => t.bootMs))),
      ratio: Math.round((median(sandboxed.map((t) => t.totalMs)) / median(bare.map((t) => t.totalMs))) * 100) / 100,
    };
    if (flags.json) console.log(JSON.stringify(report, null, 2));
    else {
      console.log(`sandbox bench: ${runs} runs each, alternating, trivial submission (start → load → one call → exit)`);
      console.log(
        `  sandboxed (prlimit + bwrap + permission model): median ${report.sandboxedMedianMs} ms (boot ${report.sandboxedBootMedianMs} ms)`,
      );
      console.log(
        `  bare node runner:                              median ${report.bareMedianMs} ms (boot ${report.bareBootMedianMs} ms)`,
      );
      console.log(`  ratio sandboxed / bare: ${report.ratio}`);
      console.log(
        `submit → result of hello-tensor through the queue (PGlite in memory, 1 worker, one at a time, ${submissions} submissions):`,
      );
      console.log(
        `  p50 ${report.queue.p50Ms} ms, p95 ${report.queue.p95Ms} ms, mean ${report.queue.meanMs} ms; all scored 10/10: ${report.queue.allScored}`,
      );
    }
    return 0;
  },
};
