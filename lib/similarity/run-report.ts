import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/db/client";
import { claimReport, completeReport, failReport, listSources, type PairInsert } from "@/db/queries/similarity";
import type { SimilarityCounts } from "@/db/schema";
import { requireAssignment } from "@/lib/content/assignments";
import { assignmentDir } from "@/lib/content/content-files";
import { contentRoot } from "@/lib/content/course";
import { offeringContentDir } from "@/lib/offerings/offering-course";
import { isAppError } from "@/lib/errors";
import { gradeTable } from "@/lib/grades/grade-table";
import { compareAll } from "./compare";

/** The assignment's starter.ts, or null when it has none. */
export async function readStarter(contentDir: string, slug: string): Promise<string | null> {
  try {
    return await readFile(path.join(assignmentDir(contentDir, slug), "starter.ts"), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

export type RunOutcome =
  | { status: "done"; pairs: number }
  | { status: "failed"; error: string }
  | { status: "skipped" };

/**
 * The `similarity` job (lib/similarity/queue.ts): compares the final submission of every student (the one their
 * grade counts, lib/grades/grade-table.ts) and stores the pairs at or above the report's threshold. A job for a
 * finished report does nothing; any error marks the report failed with a message the instructor sees.
 */
export async function runSimilarityReport(
  db: Db,
  reportId: string,
  opts: { contentDir?: string; now?: () => Date } = {},
): Promise<RunOutcome> {
  const now = opts.now ?? (() => new Date());
  const report = await claimReport(db, reportId, now());
  if (!report) return { status: "skipped" };
  try {
    const contentDir = opts.contentDir ?? (await offeringContentDir(db, report.offering)) ?? contentRoot();
    const entry = await requireAssignment(report.assignment, contentDir);
    const counted = (await gradeTable(db, [entry], report.offering)).filter((r) => r.submissionId !== null);
    const sources = await listSources(
      db,
      counted.map((r) => r.submissionId!),
    );
    const starter = await readStarter(contentDir, entry.slug);
    const owner = new Map(sources.map((s) => [s.id, s.userId]));
    const result = compareAll(
      sources.map((s) => ({ id: s.id, source: s.source })),
      { starter, params: report.params },
    );
    const pairs: PairInsert[] = result.pairs.map((p) => ({
      leftSubmissionId: p.left,
      rightSubmissionId: p.right,
      leftUserId: owner.get(p.left)!,
      rightUserId: owner.get(p.right)!,
      similarity: p.similarity,
      longest: p.longest,
      overlap: p.overlap,
      fragments: p.fragments,
    }));
    const counts: SimilarityCounts = {
      submissions: result.files,
      candidates: result.candidates,
      above: result.above,
      pairs: pairs.length,
      ignoredStarter: result.ignoredStarter,
      ignoredCommon: result.ignoredCommon,
      starter: starter !== null,
    };
    await completeReport(db, reportId, counts, pairs, now());
    return { status: "done", pairs: pairs.length };
  } catch (err) {
    const why = isAppError(err) || err instanceof Error ? err.message : String(err);
    const error = `The report could not be computed: ${why}`;
    if (!isAppError(err)) console.error(`[similarity] report ${reportId}:`, err);
    await failReport(db, reportId, error, now());
    return { status: "failed", error };
  }
}
