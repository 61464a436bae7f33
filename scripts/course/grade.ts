/**
 * `npm run --silent course -- grade <slug> <file> [<file> …] [--json] [--seed N]`: grades files through the same
 * compile, sandbox and checks as the server, without a database, and prints the instructor view (hidden checks
 * included). --max-seconds S caps every check's wall clock (and the compile) at S seconds, for quick runs over many
 * hostile files. With one file and --json it prints the result object; with several, a JSON array of
 * `{ file, result }` (or `{ file, error }` for a platform failure), one grading after the other. Exit 0 when
 * every file got a result (whatever the score), 2 for usage errors or an unknown assignment, 1 for an
 * infrastructure failure (with --json still printed as JSON: `{ "error": { "kind": "infrastructure", … } }`).
 */
import { readFileSync } from "node:fs";
import { UnknownAssignmentError } from "../../graders/engine/errors";
import { cleanText } from "../../graders/engine/text";
import { gradeSubmission } from "../../graders/engine/grade";
import type { GradeResult } from "../../graders/engine/result";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";
import { useCourse } from "./course-flag";

function indent(text: string, prefix = "      "): string {
  return text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");
}

export function formatResult(result: GradeResult): string {
  const lines = [
    `${result.assignment}: ${result.score}/${result.max_score} (${result.passed ? "passed" : "not passed"}) in ${result.execution_time.toFixed(1)} s` +
      ` — backend ${result.backend ?? "none"}, grader ${result.grader_version}, seed ${result.seed}`,
  ];
  if (result.error) lines.push(`error (${result.error.kind}):\n${indent(result.error.message, "  ")}`);
  for (const t of result.tests) {
    const mark = t.status === "passed" ? "✓" : "✗";
    lines.push(`  ${mark} ${t.score}/${t.max_score}  ${t.name}  [${t.check}, ${t.visibility}]`);
    if (t.output) lines.push(indent(t.output));
    for (const a of t.artifacts) lines.push(`      artifact: ${a.kind} '${a.name}'`);
  }
  for (const entry of result.leaderboard) lines.push(`  leaderboard ${entry.name} = ${entry.value} (${entry.order})`);
  if (result.output) lines.push(result.output);
  // Results are cleaned by the engine; cleaning again here keeps a terminal safe whatever produced the result.
  return cleanText(lines.join("\n"));
}

function infrastructure(err: unknown): { kind: "infrastructure"; message: string } {
  return { kind: "infrastructure", message: cleanText(err instanceof Error ? err.message : String(err)) };
}

export const gradeCommand: CliCommand = {
  name: "grade",
  summary: "Grade submission files in the sandbox against an assignment's checks, without a database (instructor view)",
  usage: "grade <slug> <file> [<file> …] [--course DIR] [--json] [--seed N] [--max-seconds S]   (course: COURSE_DIR, else ./content)",
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { strings: ["course", "seed", "max-seconds"], booleans: ["json"] });
    useCourse(flags);
    if (positionals.length < 2) throw new UsageError("expected an assignment slug and at least one file");
    const [slug, ...files] = positionals as [string, ...string[]];
    // Without --seed the seed comes from the code, as on the server: the same file always gets the same verdict.
    let seed: number | undefined;
    if (typeof flags.seed === "string") {
      if (!/^\d+$/.test(flags.seed) || !Number.isSafeInteger(Number(flags.seed))) throw new UsageError(`--seed must be a non-negative integer, got '${flags.seed}'`);
      seed = Number(flags.seed);
    }
    let limitCaps: { wallSeconds: number; cpuSeconds: number } | undefined;
    if (typeof flags["max-seconds"] === "string") {
      const value = Number(flags["max-seconds"]);
      if (!(value > 0 && value <= 3600)) throw new UsageError(`--max-seconds must be a number of seconds between 0 and 3600, got '${flags["max-seconds"]}'`);
      limitCaps = { wallSeconds: value, cpuSeconds: 2 * value };
    }
    const sources = files.map((file) => {
      try {
        return readFileSync(file, "utf8");
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
    });
    const gradeOne = async (source: string): Promise<GradeResult> => {
      try {
        return await gradeSubmission({
          slug,
          source,
          seed,
          limitCaps,
          onProgress: flags.json ? undefined : (p) => p.phase === "running" && console.error(`… ${p.check}`),
        });
      } catch (err) {
        if (err instanceof UnknownAssignmentError) throw new UsageError(err.message);
        throw err;
      }
    };
    if (files.length === 1) {
      try {
        const result = await gradeOne(sources[0]!);
        console.log(flags.json ? JSON.stringify(result, null, 2) : formatResult(result));
        return 0;
      } catch (err) {
        if (err instanceof UsageError || !flags.json) throw err;
        console.log(JSON.stringify({ error: infrastructure(err) }, null, 2));
        return 1;
      }
    }
    const rows: Array<{ file: string; result?: GradeResult; error?: ReturnType<typeof infrastructure> }> = [];
    for (const [i, file] of files.entries()) {
      try {
        rows.push({ file, result: await gradeOne(sources[i]!) });
      } catch (err) {
        if (err instanceof UsageError) throw err;
        rows.push({ file, error: infrastructure(err) });
      }
      if (!flags.json) {
        const row = rows[rows.length - 1]!;
        console.log(`== ${file}\n${row.result ? formatResult(row.result) : `infrastructure failure: ${row.error!.message}`}\n`);
      }
    }
    if (flags.json) console.log(JSON.stringify(rows, null, 2));
    return rows.every((r) => r.result) ? 0 : 1;
  },
};
