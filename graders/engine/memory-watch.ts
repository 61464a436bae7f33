/**
 * A watchdog on the resident memory of a sandbox's whole process tree. The V8 heap limit (--max-old-space-size)
 * does not cover WebAssembly memories (the TF.js wasm backend keeps every tensor there) or array buffers, and the
 * address-space rlimit must leave ~10 GiB for wasm guard regions, so without this a runner with a 256 MB limit
 * could grow to several GiB. Linux only (reads /proc); elsewhere it watches nothing.
 */
import { readdirSync, readFileSync } from "node:fs";

const INTERVAL_MS = 250;

/** What a runner with a V8 heap of `memoryMb` may hold resident: heap + as much again off-heap + node and TF.js. */
export function residentLimitBytes(memoryMb: number): number {
  return (2 * memoryMb + 1024) * 1024 * 1024;
}

function parentOf(pid: number): number | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "latin1");
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
    return Number(text.slice(text.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

function residentBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "latin1"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident bytes of `root` and all its descendants (one scan of /proc). */
export function treeResidentBytes(root: number): number {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return 0;
  }
  const children = new Map<number, number[]>();
  for (const name of entries) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    const ppid = parentOf(pid);
    if (ppid === null) continue;
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  let bytes = 0;
  const queue = [root];
  const seen = new Set<number>();
  while (queue.length) {
    const pid = queue.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    bytes += residentBytes(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return bytes;
}

/** Calls `onExceeded` (once) when the tree under `pid` holds more than `limitBytes` resident; returns a stop function. */
export function watchResidentMemory(pid: number, limitBytes: number, onExceeded: (bytes: number) => void): () => void {
  if (process.platform !== "linux") return () => undefined;
  const timer = setInterval(() => {
    const bytes = treeResidentBytes(pid);
    if (bytes > limitBytes) {
      clearInterval(timer);
      onExceeded(bytes);
    }
  }, INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
