/**
 * The best native fp32 matMul figure available on this machine, for comparison with the TF.js backends: numpy
 * (OpenBLAS) through python3 when installed, with 1 thread and all threads, with OpenBLAS's own CPU detection
 * and forced to its AVX-512 kernels (it does not recognise some newer CPUs and falls back to AVX2).
 */
import { execFileSync } from "node:child_process";
import os from "node:os";

export interface NativeFigure {
  gflops: number;
  source: string;
}

export interface NativeReport {
  best: NativeFigure | null;
  all: NativeFigure[];
  unavailable?: string;
}

const PROBE = `
import sys, time, numpy as np
n = int(sys.argv[1])
a = np.random.default_rng(1).standard_normal((n, n), dtype=np.float32)
b = np.random.default_rng(2).standard_normal((n, n), dtype=np.float32)
a @ b
reps, t0 = 0, time.perf_counter()
while reps < 3 or time.perf_counter() - t0 < 1.0:
    a @ b
    reps += 1
print(2 * n ** 3 * reps / (time.perf_counter() - t0) / 1e9)
`;

function probe(n: number, env: Record<string, string>): number {
  const out = execFileSync("python3", ["-c", PROBE, String(n)], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const gflops = Number(out.trim());
  if (!Number.isFinite(gflops)) throw new Error(`unexpected probe output: ${out}`);
  return gflops;
}

export function measureNative(n = 1024): NativeReport {
  let version: string;
  try {
    version = execFileSync("python3", ["-c", "import numpy; print(numpy.__version__)"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return { best: null, all: [], unavailable: "python3 with numpy is not installed; no native BLAS figure" };
  }
  const cores = String(os.availableParallelism());
  const configs: Array<[string, Record<string, string>]> = [
    ["1 thread", { OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1" }],
    [`${cores} threads`, { OPENBLAS_NUM_THREADS: cores, OMP_NUM_THREADS: cores }],
    ["1 thread, AVX-512 kernels", { OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", OPENBLAS_CORETYPE: "SkylakeX" }],
    [
      `${cores} threads, AVX-512 kernels`,
      { OPENBLAS_NUM_THREADS: cores, OMP_NUM_THREADS: cores, OPENBLAS_CORETYPE: "SkylakeX" },
    ],
  ];
  const all: NativeFigure[] = [];
  for (const [label, env] of configs) {
    try {
      all.push({ gflops: probe(n, env), source: `numpy ${version} (OpenBLAS), ${label}, ${n}³` });
    } catch {
      // A core type this CPU lacks makes OpenBLAS fail; the other figures stand.
    }
  }
  const best = all.reduce<NativeFigure | null>((b, f) => (b === null || f.gflops > b.gflops ? f : b), null);
  return best ? { best, all } : { best: null, all, unavailable: "numpy is installed but every probe failed" };
}
