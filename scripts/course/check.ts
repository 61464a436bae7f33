/**
 * `npm run course -- check [--course DIR]`: validates a course package — course.yaml, every lesson, every
 * assignment and its hidden checks (loaded by the engine in a child process) — and grades each reference solution
 * (must score 100%) and starter (must fail) through the real grader. Exit 0 with a summary when clean, 1 with a
 * numbered list of problems, 2 for usage errors. `--json FILE` also writes the report as JSON.
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { checkCourse } from "../../lib/content/check-course";
import { courseRoot } from "../../lib/content/course-root";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";
import { useCourse } from "./course-flag";
import { displayPath } from "../../lib/content/content-files";
import { calibrationTable, runCalibration, writeCalibration } from "./calibrate";
import { gradeReferenceAndStarter } from "./check-grading";


function count(flag: string, value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new UsageError(`--${flag} must be a whole number from 0 to 1000000, got '${value}'`);
  return n;
}

async function calibrateCommand(flags: Record<string, string | boolean>): Promise<number> {
  const seeds = count("calibrate", flags.calibrate, 0);
  if (seeds < 1) throw new UsageError("--calibrate needs the number of seeds, at least 1");
  const experiments = count("experiments", flags.experiments, 0);
  const slug = typeof flags.slug === "string" ? flags.slug : undefined;
  const firstSeed = flags["first-seed"] === undefined ? 1 : count("first-seed", flags["first-seed"], 1);
  if (firstSeed < 1) throw new UsageError("--first-seed must be at least 1");
  const solution = typeof flags.solution === "string" ? flags.solution : undefined;
  const { gradedAssignments } = await import("../../graders/engine/assignments");
  if (slug && !gradedAssignments().includes(slug)) throw new UsageError(`unknown assignment '${slug}' (graded assignments: ${gradedAssignments().join(", ")})`);
  const started = performance.now();
  const rows = await runCalibration({ seeds, experiments, slug, firstSeed, solution, log: (line) => console.log(line) });
  if (!rows.length) throw new UsageError(`no correct solution${solution ? ` named '${solution}'` : ""} to calibrate${slug ? ` for ${slug}` : ""}`);
  writeCalibration(rows, typeof flags.json === "string" ? flags.json : undefined, typeof flags.markdown === "string" ? flags.markdown : undefined);
  console.log(calibrationTable(rows));
  const failed = rows.filter((r) => r.failures > 0);
  console.log(`course check --calibrate: ${rows.length} check rows in ${((performance.now() - started) / 1000).toFixed(0)} s; ${failed.length ? `${failed.length} failed a correct solution` : "no correct solution failed"}`);
  for (const r of failed) for (const e of r.examples) console.log(`  ${r.assignment}/${r.check}: ${e}`);
  return failed.length ? 1 : 0;
}

export const checkCommand: CliCommand = {
  name: "check",
  summary: "Validate course.yaml, every lesson (renders, links resolve, no external asset) and every assignment against its grader",
  usage:
    "check [--course DIR] [--no-grade | --quick] [--full] [--json FILE]   (default: COURSE_DIR, else ./content; --content DIR also works)\n" +
    "  validates course.yaml, lessons, assignments and their hidden checks, then grades every reference solution\n" +
    "  (hidden/solution.ts, must score 100%) and starter (must fail) through the real grader; --no-grade skips that;\n" +
    "  --quick grades them on every check but the training experiments (what npm start does at a first start);\n" +
    "  --json writes the report; --full also runs the bundled course's fixture suites with all training experiments\n" +
    "check --calibrate N [--course DIR] [--slug S] [--solution FILE] [--first-seed K] [--experiments M] [--json FILE] [--markdown FILE]\n" +
    "  grades each reference and correct variant N times (training experiments M times, default 0) and reports each\n" +
    "  check's false-fail rate with its exact 95% upper bound; exit 1 when a correct solution ever failed",
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { strings: ["course", "content", "graders", "calibrate", "slug", "solution", "first-seed", "experiments", "json", "markdown"], booleans: ["no-grade", "full", "quick"] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (flags.graders !== undefined) throw new UsageError("--graders is gone: an assignment's hidden checks live in its own folder, <course>/assignments/<slug>/hidden/ (see docs/course-format.md)");
    useCourse(flags);
    if (flags.calibrate !== undefined) return calibrateCommand(flags);
    if (flags.quick && flags["no-grade"]) throw new UsageError("--quick and --no-grade do not go together: --quick grades on the quick checks, --no-grade not at all");
    const contentDir = courseRoot();
    if (!existsSync(contentDir)) throw new UsageError(`no course folder at ${contentDir}`);
    const started = performance.now();
    const report = await checkCourse({ contentDir, sandboxOptional: flags["no-grade"] === true });
    if (report.unloaded) console.log(`  ${report.unloaded}`);
    // The hidden checks of assignments that loaded are graded with their reference solution and starter.
    const loaded = new Set(report.inspected.filter((a) => a.ok).map((a) => a.slug));
    const graded: Array<{ slug: string; reference: string; starter: string; seconds: number }> = [];
    if (!flags["no-grade"]) {
      for (const slug of report.assignments.filter((s) => loaded.has(s))) {
        const t0 = performance.now();
        const g = await gradeReferenceAndStarter(slug, { quick: flags.quick === true });
        report.problems.push(...g.problems);
        const ref = g.reference ? `${g.reference.score}/${g.reference.max_score}` : "missing";
        const start = g.starter ? `${g.starter.score}/${g.starter.max_score}${g.starter.passed ? " (passes!)" : " (fails)"}` : "missing";
        const seconds = (performance.now() - t0) / 1000;
        graded.push({ slug, reference: ref, starter: start, seconds });
        console.log(`  graded ${slug}: reference ${ref}, starter ${start} (${seconds.toFixed(1)} s)`);
      }
    }
    if (flags.full && report.problems.length === 0) {
      console.log("  --full: every assignment's fixtures with all training experiments (UNLABELED_FULL=1 vitest run tests/assignments)");
      const run = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "tests/assignments"], {
        stdio: "inherit",
        env: { ...process.env, UNLABELED_FULL: "1" },
      });
      if (run.status !== 0) report.problems.push(`--full: the assignments' fixture suites failed (exit ${run.status}); see the output above`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (typeof flags.json === "string") {
      const out = { ok: report.problems.length === 0, course: contentDir, seconds: Number(seconds), problems: report.problems, ...(report.unloaded ? { unloaded: report.unloaded } : {}), units: report.units, lessons: report.lessons, assignments: report.inspected, graded };
      writeFileSync(flags.json, `${JSON.stringify(out, null, 2)}\n`);
    }
    if (report.problems.length) {
      const n = report.problems.length;
      console.error(`course check: ${n} problem${n === 1 ? "" : "s"} in ${displayPath(contentDir)} (${seconds} s)`);
      report.problems.forEach((p, i) => console.error(`${String(i + 1).padStart(3)}. ${p}`));
      return 1;
    }
    const demos = Object.keys(report.demos).sort();
    const count = (n: number, what: string, names: string[] = []) => `${n} ${what}${n === 1 ? "" : "s"}${names.length ? ` (${names.join(", ")})` : ""}`;
    console.log(
      `course check: OK (${seconds} s): ${count(report.units, "unit")}, ${count(report.lessons, "lesson")}, ` +
        `${count(report.assignments.length, "assignment", report.assignments)}, ${count(demos.length, "live demo", demos)}`,
    );
    return 0;
  },
};
