/**
 * `npm run bench -- train`: trains the reference CNN and MLP on every available TF.js backend, each in its own
 * process, and reports samples/s, the CNN ratio of the grader backend to TF.js's stock `cpu` backend, matMul
 * GFLOP/s beside the best native figure, and what a second grading process per core adds. A benchmark, not a test.
 */
import { execFile } from "node:child_process";
import os from "node:os";
import path from "node:path";
import type { CliCommand } from "../cli-types";
import { parseArgs, UsageError } from "../cli-types";
import { resolvePackagePath } from "../../graders/tf/resolve";
import { measureNative, type NativeReport } from "./native-train";
import type { TrainingFigure, WorkerMode, WorkerReport } from "./worker-train";

const WORKER = path.join("scripts", "bench", "worker-train.ts");
const USAGE = "train [--json] [--cpu-steps N] [--no-parallel]";

interface BackendResult {
  backend: string | null;
  detail: string | null;
  cnnSamplesPerSec: number | null;
  mlpSamplesPerSec: number | null;
  matMulGflops: number | null;
  matMulTransposedGflops: number | null;
  cnn: TrainingFigure | { error: string } | null;
  mlp: TrainingFigure | { error: string } | null;
  error?: string;
}

export interface TrainBenchReport {
  command: string;
  machine: { cpus: number; cpuModel: string; node: string; loadAverage: number[] };
  workload: string;
  backends: Partial<Record<WorkerMode, BackendResult>>;
  graderBackend: WorkerMode | null;
  cnnRatioVsStockCpu: number | null;
  native: NativeReport;
  parallel: { oneProcess: number; twoProcessesTotal: number; speedup: number } | null;
  notes: string[];
}

function runWorker(mode: WorkerMode, extra: string[]): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", WORKER, mode, ...extra],
      { cwd: process.cwd(), maxBuffer: 1 << 20 },
      (err, stdout, stderr) => {
        const line = stdout.trim().split("\n").at(-1) ?? "";
        if (err || !line.startsWith("{"))
          reject(new Error((stderr.trim().split("\n").at(-1) ?? "") || err?.message || "no output"));
        else resolve(JSON.parse(line) as WorkerReport);
      },
    );
  });
}

const rate = (f: TrainingFigure | { error: string } | null | undefined) =>
  f && "samplesPerSec" in f ? f.samplesPerSec : null;

function toResult(r: WorkerReport): BackendResult {
  return {
    backend: r.backend,
    detail: r.detail,
    cnnSamplesPerSec: rate(r.cnn),
    mlpSamplesPerSec: rate(r.mlp),
    matMulGflops: r.matMul?.gflops ?? null,
    matMulTransposedGflops: r.matMul?.transposedGflops ?? null,
    cnn: r.cnn,
    mlp: r.mlp ?? null,
  };
}

async function measureParallel(): Promise<TrainBenchReport["parallel"]> {
  const one = rate((await runWorker("wasm", ["--cnn-only"])).cnn);
  const two = await Promise.all([runWorker("wasm", ["--cnn-only"]), runWorker("wasm", ["--cnn-only"])]);
  const rates = two.map((r) => rate(r.cnn));
  if (one === null || rates.some((r) => r === null)) return null;
  const total = (rates as number[]).reduce((a, b) => a + b, 0);
  return { oneProcess: one, twoProcessesTotal: total, speedup: total / one };
}

const fmt = (x: number | null, digits = 0) => (x === null ? "—" : x.toFixed(digits));

function describeFigure(f: TrainingFigure | { error: string } | null): string {
  if (!f) return "—";
  if ("error" in f) return `fails: ${f.error}`;
  return `${fmt(f.samplesPerSec)} (${f.full ? "2 epochs" : `${f.steps} steps`})`;
}

function printTable(report: TrainBenchReport): void {
  console.log(`Training benchmark: ${report.workload}`);
  const m = report.machine;
  console.log(
    `machine: ${m.cpus} × ${m.cpuModel}, Node ${m.node}, load average at the end ${m.loadAverage.join(" / ")}\n`,
  );
  const rows = Object.entries(report.backends).map(([mode, r]) => [
    mode,
    r.detail ?? r.error ?? "—",
    describeFigure(r.cnn),
    r.cnnSamplesPerSec !== null && report.backends["cpu-stock"]?.cnnSamplesPerSec
      ? `${(r.cnnSamplesPerSec / report.backends["cpu-stock"].cnnSamplesPerSec).toFixed(1)}×`
      : "—",
    describeFigure(r.mlp),
    `${fmt(r.matMulGflops, 1)} / ${fmt(r.matMulTransposedGflops, 1)}`,
  ]);
  const head = [
    "backend",
    "detail",
    "CNN samples/s",
    "CNN vs stock cpu",
    "MLP samples/s",
    "matMul GFLOP/s (a·b / a·bᵀ)",
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [head, ...rows])
    console.log(
      row
        .map((c, i) => c.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    );
  const n = report.native;
  console.log(`\nnative matMul: ${n.best ? `${n.best.gflops.toFixed(1)} GFLOP/s, ${n.best.source}` : n.unavailable}`);
  console.log(
    `grader backend: ${report.graderBackend ?? "none"}; CNN ratio to stock cpu: ${report.cnnRatioVsStockCpu === null ? "—" : `${report.cnnRatioVsStockCpu.toFixed(1)}×`}`,
  );
  if (report.parallel) {
    const p = report.parallel;
    console.log(
      `one process per core (wasm CNN): 1 process ${fmt(p.oneProcess)} samples/s, 2 processes ${fmt(p.twoProcessesTotal)} samples/s in total (${p.speedup.toFixed(2)}×)`,
    );
  }
  for (const note of report.notes) console.log(`note: ${note}`);
}

export const trainBench: CliCommand = {
  name: "train",
  summary: "Train the reference CNN and MLP on every TF.js backend; samples/s, ratio to stock cpu, matMul GFLOP/s",
  usage: USAGE,
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { strings: ["cpu-steps"], booleans: ["json", "no-parallel"] });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const cpuSteps = flags["cpu-steps"] === undefined ? 8 : Number(flags["cpu-steps"]);
    if (!Number.isInteger(cpuSteps) || cpuSteps < 1) throw new UsageError("--cpu-steps needs a positive integer");
    const log = (msg: string) => (flags.json ? process.stderr : process.stdout).write(`${msg}\n`);

    const modes: WorkerMode[] = ["wasm", "cpu", "wasm-stock", "cpu-stock"];
    const hasNode = ["@tensorflow/tfjs-node-gpu", "@tensorflow/tfjs-node"].some((p) => resolvePackagePath(p) !== null);
    if (hasNode) modes.unshift("tensorflow");
    const backends: TrainBenchReport["backends"] = {};
    for (const mode of modes) {
      log(`measuring ${mode}…`);
      const extra = mode === "cpu" || mode === "cpu-stock" ? ["--cnn-steps", String(cpuSteps)] : [];
      try {
        backends[mode] = toResult(await runWorker(mode, extra));
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        backends[mode] = {
          backend: null,
          detail: null,
          cnnSamplesPerSec: null,
          mlpSamplesPerSec: null,
          matMulGflops: null,
          matMulTransposedGflops: null,
          cnn: null,
          mlp: null,
          error,
        };
      }
    }
    log("measuring native matMul…");
    const native = measureNative();
    let parallel: TrainBenchReport["parallel"] = null;
    if (!flags["no-parallel"]) {
      log("measuring one vs two grading processes…");
      parallel = await measureParallel();
    }
    const graderBackend =
      (["tensorflow", "wasm", "cpu"] as const).find((m) => backends[m]?.cnnSamplesPerSec != null) ?? null;
    const graderRate = graderBackend ? backends[graderBackend]!.cnnSamplesPerSec : null;
    const stockRate = backends["cpu-stock"]?.cnnSamplesPerSec ?? null;
    const report: TrainBenchReport = {
      command: ["npm run bench -- train", ...argv].join(" "),
      machine: {
        cpus: os.availableParallelism(),
        cpuModel: os.cpus()[0]?.model ?? "unknown",
        node: process.version,
        loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
      },
      workload:
        "reference CNN conv(8,3x3)→maxpool→conv(16,3x3)→maxpool→dense(10) and MLP 784-128-64-10, Adam, batch 64, 2 epochs over 2,000 MNIST digits",
      backends,
      graderBackend,
      cnnRatioVsStockCpu: graderRate !== null && stockRate ? graderRate / stockRate : null,
      native,
      parallel,
      notes: [
        `the CNN on cpu and cpu-stock runs ${cpuSteps} steps (after one untimed warm-up step, as on every backend) instead of 2 epochs; samples/s is comparable`,
        "each backend runs in its own process; 'stock' means TF.js as shipped, without any project kernel",
        "timings are from one run on a machine that may be shared; compare ratios from the same run",
      ],
    };
    if (flags.json) console.log(JSON.stringify(report));
    else printTable(report);
    return report.cnnRatioVsStockCpu === null ? 1 : 0;
  },
};
