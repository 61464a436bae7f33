/**
 * `npm run course -- roster import FILE [--offering O] [--dry-run] [--confirm-good-rows] [--set-roles]`: imports a
 * roster CSV (docs/rosters.md) into an offering (default "default"; only there are global roles raised) in the database named by DATABASE_URL, or the embedded PGlite in .data/ (stop the server first).
 * Shell access is the authority, as for `user add`; the audit row has no actor. Prints what each row does and every
 * bad row. Exit 0 when imported (or a clean dry run), 2 for usage errors, a malformed file, or bad rows without
 * --confirm-good-rows (nothing imported), 1 otherwise.
 */
import { readFileSync } from "node:fs";
import { closeDb, getDbHandle } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { applyRoster, type RosterReport } from "@/lib/rosters/apply-roster";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";

function print(report: RosterReport): void {
  for (const r of report.rows) {
    const role = r.previousRole && r.previousRole !== r.role ? `${r.previousRole} → ${r.role}` : r.role;
    console.log(`line ${r.line}: ${r.action} ${r.email} (${role}${r.section ? `, section ${r.section}` : ""})`);
  }
  for (const b of report.bad) console.error(`line ${b.line}: BAD ${b.email ?? ""}: ${b.reason}`);
  const c = report.counts;
  console.log(`${c.create} create, ${c["update-role"]} update-role, ${c.enrol} enrol, ${c.unchanged} unchanged, ${c.bad} bad`);
  console.log(report.message);
}

export const rosterCommand: CliCommand = {
  name: "roster",
  summary: "Import a roster CSV (email,name,role,section) into an offering (default: the default one), with a dry run",
  usage: "roster import FILE [--offering O] [--dry-run] [--confirm-good-rows] [--set-roles]",
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, {
      strings: ["offering"],
      booleans: ["dry-run", "confirm-good-rows", "set-roles"],
    });
    if (positionals[0] !== "import") throw new UsageError("expected the subcommand `import`");
    if (positionals.length !== 2) throw new UsageError("expected exactly one FILE after `roster import`");
    let csv: string;
    try {
      csv = readFileSync(positionals[1]!, "utf8");
    } catch (err) {
      throw new UsageError(`cannot read ${positionals[1]}: ${(err as Error).message}`);
    }
    const offering = typeof flags.offering === "string" ? flags.offering : "default";
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(offering)) throw new UsageError(`--offering: '${offering}' is not an offering slug`);
    const opts = {
      csv,
      offering,
      dryRun: !!flags["dry-run"],
      confirmGoodRows: !!flags["confirm-good-rows"],
      setRoles: !!flags["set-roles"],
    };
    try {
      const handle = await getDbHandle();
      const report = await handle.db.transaction((tx) => applyRoster(tx, null, opts));
      print(report);
      return report.bad.length && !opts.confirmGoodRows ? 2 : 0;
    } catch (err) {
      if (isAppError(err) && (err.code === "validation" || err.code === "not_found")) {
        console.error(`roster import: ${err.message}`);
        return 2;
      }
      throw err;
    } finally {
      await closeDb();
    }
  },
};
