/**
 * How many grading processes to run on one machine. TF.js keeps the wasm backend single-threaded in Node (its
 * threaded build cannot start workers there), and extra threads do not speed up small models anyway, so the
 * machine's cores are used by running one single-threaded grading process per core.
 * docs/benchmarks.md records what one and two processes measured.
 */
import os from "node:os";

/** One grading process per available core (GRADER_PROCESSES overrides, e.g. on a shared machine). */
export function gradingProcessesPerMachine(): number {
  const override = process.env.GRADER_PROCESSES;
  if (override !== undefined && override !== "") {
    const n = Number(override);
    if (!Number.isInteger(n) || n < 1) throw new Error(`GRADER_PROCESSES='${override}' must be a positive integer`);
    return n;
  }
  return Math.max(1, os.availableParallelism());
}
