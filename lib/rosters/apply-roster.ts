import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { insertAudit } from "@/db/queries/instructor-audit";
import {
  countInstructors,
  findEnrolmentsOf,
  findUsersByEmails,
  setUserRole,
  upsertRosterEnrolment,
} from "@/db/queries/rosters";
import { insertUser } from "@/db/queries/users";
import { DEFAULT_OFFERING, type Role } from "@/db/schema";
import { findOffering } from "@/db/queries/offerings";
import { AppError } from "../errors";
import { outranks } from "../context";
import { FIRST_USER_LOCK } from "../users/create-user";
import { type BadRow, readRoster } from "./roster-csv";

export { DEFAULT_OFFERING };
export const ROSTER_SOURCE = "roster";

export type RowAction = "create" | "update-role" | "enrol" | "unchanged";

export interface RowPlan {
  line: number;
  email: string;
  action: RowAction;
  role: Role;
  /** The account's global role before and after (equal when it stays). */
  previousRole: Role | null;
  section: string | null;
}

export interface RosterReport {
  dryRun: boolean;
  /** Whether anything was written. */
  imported: boolean;
  rows: RowPlan[];
  bad: BadRow[];
  counts: Record<RowAction, number> & { bad: number };
  /** Why nothing was imported, when nothing was. */
  message: string;
}

export interface RosterOptions {
  csv: string;
  dryRun: boolean;
  confirmGoodRows: boolean;
  setRoles: boolean;
  /** The offering to enrol into (default "default"). Only the default offering's import changes global roles. */
  offering?: string;
}

/**
 * Plans a roster import and, unless it is a dry run or has bad rows without `confirmGoodRows`, applies it in `tx`
 * (created users get no password), with one `roster.import` audit row. `actorId` is null for the CLI operator.
 */
export async function applyRoster(tx: Tx, actorId: string | null, opts: RosterOptions): Promise<RosterReport> {
  const offering = opts.offering ?? DEFAULT_OFFERING;
  // Outside the default offering the enrolment alone carries the role (a TA of A is staff in A only).
  const global = offering === DEFAULT_OFFERING;
  if (!global && !(await findOffering(tx, offering))) throw new AppError("not_found", "There is no such offering.");
  const { rows, bad } = readRoster(opts.csv);
  // One writer of accounts at a time (the first-account rule in lib/users/create-user.ts takes the same lock).
  await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_USER_LOCK})`);
  const existing = new Map(
    (
      await findUsersByEmails(
        tx,
        rows.map((r) => r.email),
      )
    ).map((u) => [u.email, u]),
  );
  const enrolled = new Map(
    (
      await findEnrolmentsOf(
        tx,
        offering,
        [...existing.values()].map((u) => u.id),
      )
    ).map((e) => [e.userId, e]),
  );
  let instructors = await countInstructors(tx);
  const plans: (RowPlan & { userId: string | null; name: string | null; enrolRole: Role })[] = [];
  for (const r of rows) {
    const user = existing.get(r.email);
    if (!user) {
      const role: Role = global ? r.role : "student";
      if (role === "instructor") instructors++;
      plans.push({ ...r, action: "create", role, previousRole: null, userId: null, enrolRole: r.role });
      continue;
    }
    const raise = global && outranks(r.role, user.role);
    let role: Role = raise || (global && opts.setRoles) ? r.role : user.role;
    if (user.role === "instructor" && role !== "instructor") {
      if (instructors <= 1) {
        bad.push({ line: r.line, email: r.email, reason: "would demote the last instructor" });
        continue;
      }
      instructors--;
    }
    if (role === "instructor" && user.role !== "instructor") instructors++;
    const e = enrolled.get(user.id);
    const enrolChanged = !e || e.role !== r.role || e.section !== r.section || e.source !== ROSTER_SOURCE;
    const action: RowAction = role !== user.role ? "update-role" : enrolChanged ? "enrol" : "unchanged";
    plans.push({ ...r, action, role, previousRole: user.role, userId: user.id, enrolRole: r.role });
  }
  bad.sort((a, b) => a.line - b.line);
  const counts = { create: 0, "update-role": 0, enrol: 0, unchanged: 0, bad: bad.length };
  for (const p of plans) counts[p.action]++;
  const report = (imported: boolean, message: string): RosterReport => ({
    dryRun: opts.dryRun,
    imported,
    rows: plans.map(({ line, email, action, role, previousRole, section }) => ({
      line,
      email,
      action,
      role,
      previousRole,
      section,
    })),
    bad,
    counts,
    message,
  });
  if (opts.dryRun) return report(false, "Dry run: nothing was changed.");
  if (bad.length && !opts.confirmGoodRows) {
    return report(
      false,
      `${bad.length} bad row(s): nothing was imported. Fix them, or confirm to import only the good rows.`,
    );
  }
  for (const p of plans) {
    if (p.action === "unchanged") continue;
    let userId = p.userId;
    if (!userId) userId = (await insertUser(tx, { email: p.email, name: p.name, role: p.role, passwordHash: null })).id;
    else if (p.role !== p.previousRole) await setUserRole(tx, userId, p.role);
    await upsertRosterEnrolment(tx, {
      offering,
      userId,
      role: p.enrolRole as "instructor" | "ta" | "student",
      section: p.section,
      source: ROSTER_SOURCE,
    });
  }
  await insertAudit(tx, {
    actorId,
    offering,
    action: "roster.import",
    details: {
      offering,
      counts,
      setRoles: opts.setRoles,
      confirmGoodRows: opts.confirmGoodRows,
      badLines: bad.map((b) => b.line),
      roleChanges: plans
        .filter((p) => p.action === "update-role")
        .map((p) => ({ email: p.email, from: p.previousRole, to: p.role })),
    },
  });
  return report(
    true,
    `Imported ${plans.length - counts.unchanged} row(s); ${counts.unchanged} unchanged, ${bad.length} bad row(s) skipped.`,
  );
}
