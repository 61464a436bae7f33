/**
 * The grading half of `course check`: every assignment's reference solution must score 100% and its starter must
 * fail, both through exactly the path the server uses (compile → sandbox → trusted checks).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gradeSubmission } from "../../graders/engine/grade";
import type { GradeResult } from "../../graders/engine/result";
import { assignmentRoot } from "../../lib/content/course-root";

const shown = (file: string) => path.relative(process.cwd(), file) || file;

export interface GradingCheck {
  slug: string;
  reference: GradeResult | null;
  starter: GradeResult | null;
  problems: string[];
}

function failing(r: GradeResult): string {
  const ids = r.tests.filter((t) => t.status !== "passed").map((t) => t.check);
  return ids.length ? `; failing: ${ids.join(", ")}` : "";
}

export async function gradeReferenceAndStarter(slug: string, opts: { seed?: number } = {}): Promise<GradingCheck> {
  const seed = opts.seed ?? 0;
  const problems: string[] = [];
  const dir = assignmentRoot(slug);
  const solutionFile = path.join(dir, "hidden", "solution.ts");
  const starterFile = path.join(dir, "starter.ts");
  let reference: GradeResult | null = null;
  let starter: GradeResult | null = null;
  if (!existsSync(solutionFile)) problems.push(`${slug}: ${shown(solutionFile)} (the reference solution) is missing`);
  else {
    reference = await gradeSubmission({ slug, source: readFileSync(solutionFile, "utf8"), seed });
    if (reference.score !== reference.max_score || !reference.passed) {
      problems.push(`${slug}: the reference solution scores ${reference.score}/${reference.max_score}, not 100%${failing(reference)}${reference.error ? ` (${reference.error.kind}: ${reference.error.message})` : ""}`);
    }
  }
  if (!existsSync(starterFile)) problems.push(`${slug}: ${shown(starterFile)} is missing`);
  else {
    starter = await gradeSubmission({ slug, source: readFileSync(starterFile, "utf8"), seed });
    if (starter.error?.kind === "compile") problems.push(`${slug}: the starter does not compile: ${starter.error.message}`);
    else if (starter.passed) problems.push(`${slug}: the starter passes (${starter.score}/${starter.max_score}); it must fail the checks`);
  }
  return { slug, reference, starter, problems };
}
