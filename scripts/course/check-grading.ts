/**
 * The grading half of `course check`: every assignment's reference solution must score 100% and its starter must
 * fail, both through exactly the path the server uses (compile → sandbox → trusted checks).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gradeSubmission } from "../../graders/engine/grade";
import { PENDING_OUTPUT } from "../../graders/engine/phases";
import type { GradeResult } from "../../graders/engine/result";
import { assignmentRoot } from "../../lib/content/course-root";

const shown = (file: string) => {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
};

export interface GradingCheck {
  slug: string;
  reference: GradeResult | null;
  starter: GradeResult | null;
  problems: string[];
}

/**
 * The tests that ran. In a quick grading the experiments wait unscored and the checks that need them are skipped;
 * a check skipped because another failed is left out too, since that failure is counted where it happened.
 */
const ran = (r: GradeResult) => r.tests.filter((t) => t.output !== PENDING_OUTPUT && !t.output.startsWith("Skipped: "));

function failing(r: GradeResult): string {
  const ids = ran(r).filter((t) => t.status !== "passed").map((t) => t.check);
  return ids.length ? `; failing: ${ids.join(", ")}` : "";
}

/**
 * `quick`: every check but the training experiments (the cheap phase the queue runs first). The reference must then
 * pass every check that ran; the starter must fail one of them, or, when it passes them all, there must be an
 * experiment left that a full check would run.
 */
export async function gradeReferenceAndStarter(slug: string, opts: { seed?: number; quick?: boolean } = {}): Promise<GradingCheck> {
  const seed = opts.seed ?? 0;
  const phase = opts.quick ? ("cheap" as const) : ("all" as const);
  const problems: string[] = [];
  const dir = assignmentRoot(slug);
  const solutionFile = path.join(dir, "hidden", "solution.ts");
  const starterFile = path.join(dir, "starter.ts");
  let reference: GradeResult | null = null;
  let starter: GradeResult | null = null;
  if (!existsSync(solutionFile)) problems.push(`${slug}: ${shown(solutionFile)} (the reference solution) is missing`);
  else {
    reference = await gradeSubmission({ slug, source: readFileSync(solutionFile, "utf8"), seed, phase });
    const short = opts.quick ? reference.error !== null || ran(reference).some((t) => t.status !== "passed") : reference.score !== reference.max_score || !reference.passed;
    if (short) {
      problems.push(`${slug}: the reference solution scores ${reference.score}/${reference.max_score}, not 100%${failing(reference)}${reference.error ? ` (${reference.error.kind}: ${reference.error.message})` : ""}`);
    }
  }
  if (!existsSync(starterFile)) problems.push(`${slug}: ${shown(starterFile)} is missing`);
  else {
    starter = await gradeSubmission({ slug, source: readFileSync(starterFile, "utf8"), seed, phase });
    const waiting = starter.tests.length - ran(starter).length;
    const passesAll = opts.quick ? waiting === 0 && ran(starter).every((t) => t.status === "passed") : starter.passed;
    if (starter.error?.kind === "compile") problems.push(`${slug}: the starter does not compile: ${starter.error.message}`);
    else if (passesAll) problems.push(`${slug}: the starter passes (${starter.score}/${starter.max_score}); it must fail the checks`);
  }
  return { slug, reference, starter, problems };
}
