import fs from "node:fs";
import path from "node:path";

/** test-reports/faults-summary.json: the measured figures of the fault-injection suites, one section per suite. */
export const SUMMARY_FILE = path.join(process.cwd(), "test-reports", "faults-summary.json");

/** Suites run in parallel forks: a lock folder makes each read-modify-write whole. */
function withLock(fn: () => void): void {
  const lock = `${SUMMARY_FILE}.lock`;
  const until = Date.now() + 10_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > until) fs.rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export function recordFaultFigures(section: string, figures: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(SUMMARY_FILE), { recursive: true });
  withLock(() => write(section, figures));
}

function write(section: string, figures: Record<string, unknown>): void {
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(fs.readFileSync(SUMMARY_FILE, "utf8")) as Record<string, unknown>;
  } catch {
    // first suite to report
  }
  all[section] = { ...figures, measuredAt: new Date().toISOString() };
  const tmp = `${SUMMARY_FILE}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(all, null, 2)}\n`);
  fs.renameSync(tmp, SUMMARY_FILE);
}
