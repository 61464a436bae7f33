/** Small statistics for the load run: nearest-rank percentiles and the machine's CPU use between two moments. */
import fs from "node:fs";
import os from "node:os";

export interface Spread {
  n: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

function nearestRank(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function spread(values: number[]): Spread {
  if (values.length === 0) return { n: 0, p50Ms: NaN, p95Ms: NaN, maxMs: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    n: sorted.length,
    p50Ms: r(nearestRank(sorted, 50)),
    p95Ms: r(nearestRank(sorted, 95)),
    maxMs: r(sorted[sorted.length - 1]!),
  };
}

interface CpuTicks {
  idle: number;
  total: number;
}

/** Jiffies of all cores together, from /proc/stat (Linux); null elsewhere. */
export function cpuTicks(): CpuTicks | null {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const parts = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = parts[3]! + (parts[4] ?? 0);
    return { idle, total: parts.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

/** The machine's busy share between two samples, 0..1 over all cores (everyone's processes, not only ours). */
export function busyShare(a: CpuTicks | null, b: CpuTicks | null): number | null {
  if (!a || !b || b.total === a.total) return null;
  return Math.round((1 - (b.idle - a.idle) / (b.total - a.total)) * 1000) / 1000;
}

/** Samples the 1-minute load average every `everyMs` until stopped; gives the mean and the highest seen. */
export function sampleLoadAverage(everyMs = 2000) {
  const seen: number[] = [os.loadavg()[0]!];
  const timer = setInterval(() => seen.push(os.loadavg()[0]!), everyMs);
  return {
    stop() {
      clearInterval(timer);
      seen.push(os.loadavg()[0]!);
      const r = (x: number) => Math.round(x * 100) / 100;
      return {
        cores: os.cpus().length,
        meanLoad1: r(seen.reduce((a, b) => a + b, 0) / seen.length),
        maxLoad1: r(Math.max(...seen)),
      };
    },
  };
}
