import "server-only";
import type { Db } from "@/db/client";
import { DEFAULT_OFFERING } from "@/db/schema";
import { listGradedAttempts, listStudents } from "@/db/queries/instructor-grades";
import { listAdjustments, listExtensions } from "@/db/queries/instructor-overrides";
import type { AssignmentEntry } from "@/lib/content/assignments";
import { layerSettings } from "@/lib/content/effective-settings";
import { sectionDues } from "@/lib/offerings/deadlines";
import { finalGrade, type FinalGrade } from "./final-grade";

export interface GradeRow extends FinalGrade {
  userId: string;
  email: string;
  name: string | null;
  assignment: string;
  extensionUntil: Date | null;
  passed: boolean;
  attempts: number;
}

const key = (userId: string, assignment: string) => `${userId}\0${assignment}`;

/**
 * One row per student (role student) and assignment, students by email, assignments in course order: the counted
 * submission, late penalty with the student's extension, manual adjustment and final grade (see final-grade.ts).
 * Due date, late policy, points and pass threshold are the effective ones: the term's settings are layered over the
 * given configs here (idempotent, so callers may pass configs that are effective already). Everything is the
 * offering's own: its students, its submissions, its settings, extensions, adjustments and section due dates.
 */
export async function gradeTable(
  db: Db,
  files: AssignmentEntry[],
  offering: string = DEFAULT_OFFERING,
): Promise<GradeRow[]> {
  const assignments = await layerSettings(db, files, offering);
  const only = assignments.length === 1 ? assignments[0]!.slug : undefined;
  const [students, attempts, extensions, adjustments, dues] = await Promise.all([
    listStudents(db, offering),
    listGradedAttempts(db, { assignment: only, offering }),
    listExtensions(db, only, offering),
    listAdjustments(db, only, offering),
    sectionDues(db, offering, only),
  ]);
  const byKey = new Map<string, typeof attempts>();
  for (const a of attempts) {
    const k = key(a.userId, a.assignment);
    const list = byKey.get(k);
    if (list) list.push(a);
    else byKey.set(k, [a]);
  }
  const ext = new Map(extensions.map((e) => [key(e.userId, e.assignment), e.until]));
  const adj = new Map(adjustments.map((a) => [key(a.userId, a.assignment), a.points]));
  const rows: GradeRow[] = [];
  for (const s of students) {
    for (const { slug, config } of assignments) {
      const k = key(s.id, slug);
      const mine = byKey.get(k) ?? [];
      const extensionUntil = ext.get(k) ?? null;
      const grade = finalGrade({
        attempts: mine,
        points: config.points,
        due: dues.get(k) ?? config.due,
        policy: config.late_policy,
        extensionUntil,
        adjustment: adj.get(k) ?? null,
      });
      rows.push({
        ...grade,
        userId: s.id,
        email: s.email,
        name: s.name,
        assignment: slug,
        extensionUntil,
        passed: grade.submissionId !== null && grade.final >= config.pass_threshold * config.points - 1e-9,
        attempts: mine.length,
      });
    }
  }
  return rows;
}
