import "server-only";
import fs from "node:fs";

/**
 * CPU time of one grading job: this process's own (utime + stime) plus that of every process it starts meanwhile
 * (the sandboxed compiler and runner, at any depth), from /proc. Descendants are sampled every `intervalMs`, because
 * a sandbox killed at the end of a job is not always reaped by us (so cutime would miss it): each process's last
 * sample counts, which undercounts by at most one interval per process. null where /proc is missing.
 */
const TICK_MS = 1000 / 100; // USER_HZ on Linux

function ownTicks(pid: number | "self"): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

function childrenOf(pid: number | "self"): number[] {
  const out: number[] = [];
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // gone, or no /proc
  }
  return out;
}

function descendants(): number[] {
  const seen: number[] = [];
  const stack = childrenOf("self");
  while (stack.length) {
    const pid = stack.pop()!;
    seen.push(pid);
    stack.push(...childrenOf(pid));
  }
  return seen;
}

export function startCpuMeter(intervalMs = 50): { stop(): number | null } {
  const self0 = ownTicks("self");
  if (self0 === null) return { stop: () => null };
  const first = new Map<number, number>(); // pid → ticks when first seen (0 for processes started during the job)
  const last = new Map<number, number>();
  for (const pid of descendants()) {
    const t = ownTicks(pid);
    if (t !== null) {
      first.set(pid, t);
      last.set(pid, t);
    }
  }
  const sample = () => {
    for (const pid of descendants()) {
      const t = ownTicks(pid);
      if (t === null) continue;
      if (!first.has(pid)) first.set(pid, 0);
      last.set(pid, t);
    }
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      sample();
      clearInterval(timer);
      const self1 = ownTicks("self") ?? self0;
      let ticks = self1 - self0;
      for (const [pid, t] of last) ticks += t - (first.get(pid) ?? 0);
      return Math.round(ticks * TICK_MS);
    },
  };
}
