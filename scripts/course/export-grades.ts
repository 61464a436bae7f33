/**
 * `npm run --silent course -- export-grades [--assignment SLUG] [--format csv|json|canvas|moodle] [--out FILE]`: prints the grade
 * export (lib/grades/export-format.ts) for one assignment or the whole course, straight from the database named by
 * DATABASE_URL, or from the embedded PGlite in .data/ (stop the server first: PGlite has one writer). Shell access is
 * the authority, as for `user add`. Exit 0 on success, 2 for usage errors or an unknown assignment, 1 otherwise.
 */
import { writeFileSync } from "node:fs";
import { closeDb, getDbHandle } from "@/db/client";
import { buildGradeExport, EXPORT_FORMATS, exportAssignments, type ExportFormat } from "@/lib/grades/export-format";
import { isAppError } from "@/lib/errors";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";


export const exportGradesCommand: CliCommand = {
  name: "export-grades",
  summary: "Export grades (email, name, assignment, score, max_score, late_penalty, final) as CSV, JSON with full results, or a Canvas or Moodle gradebook CSV",
  usage: "export-grades [--assignment SLUG] [--offering O] [--format csv|json|canvas|moodle] [--out FILE]",
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { strings: ["assignment", "offering", "format", "out"] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const format = (flags.format ?? "csv") as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")}, not '${String(flags.format)}'`);
    const assignment = typeof flags.assignment === "string" ? flags.assignment : undefined;
    try {
      // Check the slug before opening the database, so a typo never waits on a lock or a migration.
      await exportAssignments(assignment);
    } catch (err) {
      if (isAppError(err) && err.code === "not_found") throw new UsageError(err.message);
      throw err;
    }
    try {
      const handle = await getDbHandle();
      const offering = typeof flags.offering === "string" ? flags.offering : undefined;
      const out = await buildGradeExport(handle.db, { assignment, format, offering });
      if (typeof flags.out === "string") {
        writeFileSync(flags.out, out.body);
        console.error(`wrote ${out.rows} row(s) to ${flags.out} from ${handle.description}`);
      } else {
        process.stdout.write(out.body);
      }
      return 0;
    } finally {
      await closeDb();
    }
  },
};
