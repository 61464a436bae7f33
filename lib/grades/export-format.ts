import "server-only";
import { inArray, and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { gradingResults } from "@/db/schema";
import { ContentError } from "@/lib/content/content-error";
import { listAssignments, type AssignmentEntry } from "@/lib/content/assignments";
import { AppError } from "../errors";
import { toCsv } from "./csv";
import { lmsCsv, type LmsFormat } from "./lms-csv";
import { gradeTable } from "./grade-table";

/**
 * CSV columns, one row per student and assignment (the same header for one assignment and the whole course):
 * email, name, assignment (slug), score (raw score of the counted submission), max_score, late_penalty (points
 * lost), final (score − late_penalty + manual adjustment, at least 0).
 */
export const GRADE_CSV_HEADER = ["email", "name", "assignment", "score", "max_score", "late_penalty", "final"] as const;

export type ExportFormat = "csv" | "json" | LmsFormat;
export const EXPORT_FORMATS: readonly ExportFormat[] = ["csv", "json", "canvas", "moodle"];

export interface GradeExport {
  filename: string;
  contentType: string;
  body: string;
  rows: number;
}

/** The assignments to export: one by slug (not_found when unknown) or the whole course. */
export async function exportAssignments(slug: string | undefined, contentDir?: string): Promise<AssignmentEntry[]> {
  let all: AssignmentEntry[];
  try {
    all = await listAssignments(contentDir);
  } catch (err) {
    if (err instanceof ContentError) throw new AppError("unavailable", `The course content is invalid: ${err.message}`);
    throw err;
  }
  if (!slug) return all;
  const one = all.find((a) => a.slug === slug);
  if (!one) throw new AppError("not_found", `There is no assignment '${slug}'.`);
  return [one];
}

/** Builds the export; callers authorise first (the web verb) or act with shell authority (the CLI). */
export async function buildGradeExport(
  db: Db,
  opts: { assignment?: string; format: ExportFormat; contentDir?: string; offering?: string },
): Promise<GradeExport> {
  const assignments = await exportAssignments(opts.assignment, opts.contentDir);
  const rows = await gradeTable(db, assignments, opts.offering);
  const base = `grades-${opts.assignment ?? "course"}`;
  if (opts.format === "csv") {
    const body = toCsv(
      GRADE_CSV_HEADER,
      rows.map((r) => [r.email, r.name ?? "", r.assignment, r.score, r.maxScore, r.latePenalty, r.final]),
    );
    return { filename: `${base}.csv`, contentType: "text/csv; charset=utf-8", body, rows: rows.length };
  }
  if (opts.format === "canvas" || opts.format === "moodle") {
    const points = new Map(rows.map((r) => [r.assignment, r.maxScore]));
    const columns = assignments.map((a) => ({
      slug: a.slug,
      title: a.config.title,
      points: points.get(a.slug) ?? a.config.points,
    }));
    const out = lmsCsv(opts.format, rows, columns);
    return {
      filename: `${base}-${opts.format}.csv`,
      contentType: "text/csv; charset=utf-8",
      body: out.body,
      rows: out.students,
    };
  }
  // JSON: the same rows, each with the counted submission's full Gradescope-compatible result (hidden tests included).
  const ids = rows.flatMap((r) => (r.submissionId ? [r.submissionId] : []));
  const results = new Map<string, unknown>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = await db
      .select({ submissionId: gradingResults.submissionId, result: gradingResults.result })
      .from(gradingResults)
      .where(and(inArray(gradingResults.submissionId, ids.slice(i, i + 500)), eq(gradingResults.current, true)));
    for (const c of chunk) results.set(c.submissionId, c.result);
  }
  const out = rows.map((r) => ({
    email: r.email,
    name: r.name,
    assignment: r.assignment,
    submission_id: r.submissionId,
    submitted_at: r.submittedAt?.toISOString() ?? null,
    score: r.score,
    max_score: r.maxScore,
    days_late: r.daysLate,
    late_penalty: r.latePenalty,
    adjustment: r.adjustment,
    final: r.final,
    result: r.submissionId ? (results.get(r.submissionId) ?? null) : null,
  }));
  return {
    filename: `${base}.json`,
    contentType: "application/json",
    body: `${JSON.stringify(out, null, 2)}\n`,
    rows: rows.length,
  };
}
