/**
 * `npm run --silent course -- grade <slug> <file> [--json] [--seed N]`: grades a file through the same compile,
 * sandbox and checks as the server, without a database, and prints the instructor view (hidden checks included).
 * Exit 0 when a result was produced (whatever the score), 2 for usage errors or an unknown assignment, 1 for an
 * infrastructure failure.
 */
import { readFileSync } from "node:fs";
import { UnknownAssignmentError } from "../../graders/engine/errors";
import { gradeSubmission } from "../../graders/engine/grade";
import type { GradeResult } from "../../graders/engine/result";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";

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
  return lines.join("\n");
}

export const gradeCommand: CliCommand = {
  name: "grade",
  summary: "Grade a submission file in the sandbox against an assignment's checks, without a database (instructor view)",
  usage: "grade <slug> <file> [--json] [--seed N]",
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { strings: ["seed"], booleans: ["json"] });
    if (positionals.length !== 2) throw new UsageError("expected an assignment slug and a file");
    const [slug, file] = positionals as [string, string];
    let seed = 0;
    if (typeof flags.seed === "string") {
      if (!/^\d+$/.test(flags.seed) || !Number.isSafeInteger(Number(flags.seed))) throw new UsageError(`--seed must be a non-negative integer, got '${flags.seed}'`);
      seed = Number(flags.seed);
    }
    let source: string;
    try {
      source = readFileSync(file, "utf8");
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    let result: GradeResult;
    try {
      result = await gradeSubmission({
        slug,
        source,
        seed,
        onProgress: flags.json ? undefined : (p) => p.phase === "running" && console.error(`… ${p.check}`),
      });
    } catch (err) {
      if (err instanceof UnknownAssignmentError) throw new UsageError(err.message);
      throw err;
    }
    console.log(flags.json ? JSON.stringify(result, null, 2) : formatResult(result));
    return 0;
  },
};
