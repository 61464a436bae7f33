/**
 * Calibration: how often does a check fail code that is correct? A reference solution (or a correct variant) is
 * graded with many seeds and each check's failures are counted, with the exact (Clopper–Pearson) one-sided 95%
 * upper bound on its false-fail rate. For speed the runner processes live across seeds (one for first runs, one for
 * later runs): for a solution without hidden state this grades exactly as fresh processes would, since every task
 * gets a fresh module instance, a reseeded Math.random and a clean TF.js scope. Expensive checks (training
 * experiments) run on their own, often smaller, number of seeds. The course's checks run in one course-check host
 * for the whole calibration, as in one grading.
 */
import "server-only";
import { loadAssignment, type LoadedCheck } from "./assignments";
import type { HostLease } from "./course-checks";
import { compileTypeScript } from "./compile";
import { GraderInfraError } from "./errors";
import { getRunnerBundle } from "./runner-bundle";
import { RunnerProcess } from "./runner-process";
import { isPassed, type Entry } from "./scoring";
import { LOAD_SECONDS } from "./check";
import { checkContext, runStages, trusted, type RunnerPool } from "./stages";
import { sourceMapper } from "./source-map";

export interface CheckTally {
  check: string;
  expensive: boolean;
  runs: number;
  failures: number;
  /** Runs skipped because a check it depends on failed (that failure is counted there). */
  skipped: number;
  /** Exact one-sided 95% upper bound on the false-fail rate. */
  upper95: number;
  /** The first few failures' feedback, to see why. */
  examples: string[];
  /** Wall milliseconds spent on this check over all its runs (preparing, running and scoring). */
  ms: number;
}

/** The exact one-sided upper confidence bound for k failures in n runs (Clopper–Pearson, by bisection). */
export function clopperPearsonUpper(k: number, n: number, confidence = 0.95): number {
  if (n === 0) return 1;
  if (k >= n) return 1;
  // Find p with P(X ≤ k | n, p) = 1 − confidence.
  const cdf = (p: number) => {
    let term = (1 - p) ** n;
    let sum = term;
    for (let i = 1; i <= k; i++) {
      term *= ((n - i + 1) / i) * (p / (1 - p));
      sum += term;
    }
    return sum;
  };
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) > 1 - confidence) lo = mid;
    else hi = mid;
  }
  return hi;
}

export interface CalibrateOptions {
  slug: string;
  source: string;
  seeds: number;
  /** Seeds for the expensive checks (0 skips them). */
  expensiveSeeds: number;
  /** Seeds are firstSeed, firstSeed + 1, … */
  firstSeed?: number;
  onSeed?: (done: number, total: number) => void;
}

/** Keeps one runner per role alive across seeds; restarts it when it died. */
class PersistentPool {
  private runners = new Map<string, RunnerProcess>();
  private failure: { kind: string; message: string } | null = null;

  constructor(
    private readonly code: string,
    private readonly host: HostLease,
  ) {}

  private async get(role: string, check: LoadedCheck): Promise<RunnerProcess | null> {
    const key = `${role}:${check.limits.memoryMb}`;
    const existing = this.runners.get(key);
    if (existing?.alive) return existing;
    if (existing) await existing.close();
    const runner = await RunnerProcess.start(await getRunnerBundle(), { cpuSeconds: 100_000, memoryMb: check.limits.memoryMb });
    const loaded = await runner.load(this.code, { wallMs: LOAD_SECONDS * 1000, outputBytes: 1 << 20, logBytes: check.limits.logBytes });
    if (!loaded.ok) {
      this.failure = loaded.error;
      await runner.close();
      return null;
    }
    this.runners.set(key, runner);
    return runner;
  }

  view(): RunnerPool {
    return {
      first: (_index, check) => this.get("first", check),
      later: (check) => this.get("later", check),
      release: async () => undefined,
      loadFailure: () => this.failure as never,
      throwIfAborted: () => undefined,
      host: this.host,
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.runners.values()].map((r) => r.close()));
  }
}

export async function calibrate(opts: CalibrateOptions): Promise<CheckTally[]> {
  const assignment = await loadAssignment(opts.slug);
  const compiled = await compileTypeScript(opts.source);
  if (!compiled.ok) {
    await assignment.host.close();
    throw new GraderInfraError(`the solution does not compile: ${compiled.message}`);
  }
  const mapStack = sourceMapper(compiled.module.map);
  const tallies = assignment.checks.map((c): CheckTally => ({ check: c.id, expensive: c.experiment, runs: 0, failures: 0, skipped: 0, upper95: 1, examples: [], ms: 0 }));
  const pool = new PersistentPool(compiled.module.code, assignment.host);
  const first = opts.firstSeed ?? 1;
  const total = Math.max(opts.seeds, opts.expensiveSeeds);
  try {
    for (let s = 0; s < total; s++) {
      const seed = first + s;
      const entries: Entry[] = [];
      for (const [index, check] of assignment.checks.entries()) {
        const tally = tallies[index]!;
        const ctx = checkContext(assignment.slug, check, seed);
        if (s >= (tally.expensive ? opts.expensiveSeeds : opts.seeds)) continue;
        if (check.dependsOn.some((id) => !isPassed(entries, id))) {
          tally.skipped++;
          entries.push({ check, ctx, started: 0, ms: 0, scored: { state: "skipped", reason: "" } });
          continue;
        }
        const began = performance.now();
        const prepared = await trusted(check, "preparing its inputs", () => check.definition.prepare(ctx));
        const entry: Entry = { check, ctx, started: Date.now(), ms: 0, scored: { state: "skipped", reason: "" } };
        const runner = await pool.view().first(index, check);
        if (!runner) throw new GraderInfraError(`the solution does not load: ${pool.view().loadFailure()?.message}`);
        entry.scored = await runStages({ entry, index, runner, prepared, pool: pool.view(), seed, mapStack, progress: () => undefined });
        entries.push(entry);
        tally.ms += performance.now() - began;
        tally.runs++;
        const passed = isPassed([entry], check.id) && check.points >= 0;
        if (!passed) {
          tally.failures++;
          if (tally.examples.length < 3) {
            const why = entry.scored.state === "scored" ? entry.scored.score.feedback : entry.scored.state === "failed" ? entry.scored.error.message : entry.scored.reason;
            tally.examples.push(`seed ${seed}: ${why.split("\n")[0]!.slice(0, 300)}`);
          }
        }
      }
      opts.onSeed?.(s + 1, total);
    }
  } finally {
    await pool.close();
    await assignment.host.close();
  }
  for (const t of tallies) t.upper95 = clopperPearsonUpper(t.failures, t.runs);
  return tallies;
}
