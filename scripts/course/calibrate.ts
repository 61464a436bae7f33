/**
 * `course check --calibrate N [--slug S] [--experiments M] [--json FILE] [--markdown FILE]`: grades every reference
 * solution, and every correct variant among the fixtures (tests/fixtures/submissions/<slug>/{correct,alternative,
 * independent}*.ts), N times with different seeds (the expensive training experiments M times, default 0) and
 * reports per check how often it failed, with the exact one-sided 95% upper bound on its false-fail rate.
 */
import { assignmentRoot } from "../../lib/content/course-root";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gradedAssignments } from "../../graders/engine/assignments";
import { calibrate, type CheckTally } from "../../graders/engine/calibrate";

export interface CalibrationRow extends CheckTally {
  assignment: string;
  solution: string;
}

const CORRECT = /^(correct|alternative|independent)/;

/** The reference and the correct variants of an assignment. */
export function correctSolutions(slug: string): string[] {
  const files = [path.join(assignmentRoot(slug), "hidden", "solution.ts")];
  const dir = path.join("tests", "fixtures", "submissions", slug);
  if (existsSync(dir)) for (const f of readdirSync(dir).sort()) if (CORRECT.test(f) && f.endsWith(".ts")) files.push(path.join(dir, f));
  return files.filter((f) => existsSync(f));
}

/**
 * `firstSeed` (default 1) lets a later run extend an earlier one with fresh seeds (seeds firstSeed…firstSeed+N−1);
 * `solution` keeps only the solution file with that name (e.g. `correct-alternative.ts`).
 */
export async function runCalibration(opts: {
  seeds: number;
  experiments: number;
  slug?: string;
  firstSeed?: number;
  solution?: string;
  log: (line: string) => void;
}): Promise<CalibrationRow[]> {
  const slugs = opts.slug ? [opts.slug] : gradedAssignments();
  const rows: CalibrationRow[] = [];
  for (const slug of slugs) {
    for (const file of correctSolutions(slug)) {
      if (opts.solution && path.basename(file) !== opts.solution) continue;
      const started = performance.now();
      const tallies = await calibrate({ slug, source: readFileSync(file, "utf8"), seeds: opts.seeds, expensiveSeeds: opts.experiments, firstSeed: opts.firstSeed });
      rows.push(...tallies.map((t) => ({ ...t, assignment: slug, solution: file })));
      const failing = tallies.filter((t) => t.failures > 0).map((t) => `${t.check} ${t.failures}/${t.runs}`);
      const range = `seeds ${opts.firstSeed ?? 1}–${(opts.firstSeed ?? 1) + Math.max(opts.seeds, opts.experiments) - 1}`;
      const costs = tallies.filter((t) => t.runs > 0).map((t) => `${t.check} ${Math.round(t.ms / t.runs)} ms`).join(", ");
      opts.log(`  calibrated ${slug} (${path.basename(file)}): ${opts.seeds} seeds (${range}), ${opts.experiments} for experiments, ${((performance.now() - started) / 1000).toFixed(0)} s${failing.length ? `; failures: ${failing.join(", ")}` : "; no failure"}`);
      opts.log(`    mean wall time per run: ${costs}`);
    }
  }
  return rows;
}

const pct = (x: number) => (x === 0 ? "0%" : x < 0.01 ? `${(x * 100).toPrecision(3)}%` : `${(x * 100).toFixed(2)}%`);

/** A markdown table of the rows (one line per assignment, solution and check). */
export function calibrationTable(rows: CalibrationRow[]): string {
  const lines = ["| assignment | solution | check | kind | runs | failures | rate | 95% upper bound |", "| --- | --- | --- | --- | ---: | ---: | ---: | ---: |"];
  for (const r of rows) {
    if (r.runs === 0) continue;
    lines.push(`| ${r.assignment} | ${path.basename(r.solution)} | ${r.check} | ${r.expensive ? "experiment" : "cheap"} | ${r.runs} | ${r.failures} | ${pct(r.failures / r.runs)} | ${pct(r.upper95)} |`);
  }
  return lines.join("\n");
}

export function writeCalibration(rows: CalibrationRow[], json?: string, markdown?: string): void {
  if (json) writeFileSync(json, `${JSON.stringify(rows, null, 2)}\n`);
  if (markdown) writeFileSync(markdown, `${calibrationTable(rows)}\n`);
}
