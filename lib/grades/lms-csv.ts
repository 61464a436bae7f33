/**
 * Grade exports in the conventions of two LMS gradebook imports, one row per student and one column per assignment:
 * - **Canvas** (Gradebook → Import): `Student` ("Last, First"), `ID`, `SIS User ID`, `SIS Login ID`, `Section`, then
 *   one column per assignment named "Title (slug)", and a second row "Points Possible". Canvas matches students by
 *   ID or SIS ids: Unlabeled has no Canvas ids before an LTI launch, so `SIS Login ID` carries the email (what many
 *   institutions use as the login) and `ID` is left empty. A new column creates a new Canvas assignment.
 * - **Moodle** (Grades → Import → CSV file): `First name`, `Last name`, `Email address`, then "Title (Real)" per
 *   assignment; map "Email address" to the user's email field and each column to its grade item when importing.
 * A student with no graded submission (and no manual adjustment) gets an empty cell: both importers leave it ungraded.
 */
import { toCsv, type CsvValue } from "./csv";
import type { GradeRow } from "./grade-table";

export type LmsFormat = "canvas" | "moodle";

export interface LmsAssignment {
  slug: string;
  title: string;
  points: number;
}

/** "Ada King Lovelace" → first "Ada", last "King Lovelace"; no name → the email's local part as the first name. */
export function splitName(name: string | null, email: string): { first: string; last: string } {
  const parts = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { first: email.split("@")[0] ?? email, last: "" };
  if (parts.length === 1) return { first: parts[0]!, last: "" };
  return { first: parts[0]!, last: parts.slice(1).join(" ") };
}

/** The students of the rows, in row order, each with their final grade per assignment (null when not graded). */
function pivot(
  rows: readonly GradeRow[],
): Array<{ email: string; name: string | null; grades: Map<string, number | null> }> {
  const students = new Map<string, { email: string; name: string | null; grades: Map<string, number | null> }>();
  for (const r of rows) {
    let s = students.get(r.userId);
    if (!s) {
      s = { email: r.email, name: r.name, grades: new Map() };
      students.set(r.userId, s);
    }
    s.grades.set(r.assignment, r.submissionId || r.adjustment !== 0 ? r.final : null);
  }
  return [...students.values()];
}

export function lmsCsv(
  format: LmsFormat,
  rows: readonly GradeRow[],
  assignments: readonly LmsAssignment[],
): { body: string; students: number } {
  const students = pivot(rows);
  const cells = (s: (typeof students)[number]): CsvValue[] => assignments.map((a) => s.grades.get(a.slug) ?? null);
  if (format === "canvas") {
    const header = [
      "Student",
      "ID",
      "SIS User ID",
      "SIS Login ID",
      "Section",
      ...assignments.map((a) => `${a.title} (${a.slug})`),
    ];
    const possible: CsvValue[] = ["    Points Possible", "", "", "", "", ...assignments.map((a) => a.points)];
    const body = students.map((s): CsvValue[] => {
      const { first, last } = splitName(s.name, s.email);
      return [last ? `${last}, ${first}` : first, "", "", s.email, "", ...cells(s)];
    });
    return { body: toCsv(header, [possible, ...body]), students: students.length };
  }
  const header = ["First name", "Last name", "Email address", ...assignments.map((a) => `${a.title} (Real)`)];
  const body = students.map((s): CsvValue[] => {
    const { first, last } = splitName(s.name, s.email);
    return [first, last, s.email, ...cells(s)];
  });
  return { body: toCsv(header, body), students: students.length };
}
