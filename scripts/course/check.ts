/**
 * `npm run course -- check [--content DIR] [--graders DIR]`: validates course.yaml, every lesson and every
 * assignment. Exit 0 with a summary when clean, 1 with a numbered list of problems, 2 for usage errors.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { checkCourse } from "../../lib/content/check-course";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";

function folder(flag: string, value: string | boolean | undefined, fallback: string): string {
  const dir = path.resolve(typeof value === "string" ? value : fallback);
  if (typeof value === "string" && !(existsSync(dir) && statSync(dir).isDirectory())) throw new UsageError(`--${flag}: no folder ${dir}`);
  return dir;
}

export const checkCommand: CliCommand = {
  name: "check",
  summary: "Validate course.yaml, every lesson (renders, links resolve, no external asset) and every assignment against its grader",
  usage: "check [--content DIR] [--graders DIR]   (defaults: ./content and the graders folder next to it)",
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { strings: ["content", "graders"] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const contentDir = folder("content", flags.content, "content");
    if (!existsSync(contentDir)) throw new UsageError(`no content folder at ${contentDir}`);
    const gradersDir = flags.graders === undefined ? undefined : folder("graders", flags.graders, "graders");
    const started = performance.now();
    const report = await checkCourse({ contentDir, gradersDir });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (report.problems.length) {
      const n = report.problems.length;
      console.error(`course check: ${n} problem${n === 1 ? "" : "s"} in ${path.relative(process.cwd(), contentDir) || "."} (${seconds} s)`);
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
