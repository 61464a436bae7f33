import "server-only";
import { z } from "zod";
import { offeringRoles, type OfferingRole } from "@/db/schema";
import { AppError } from "../errors";
import { parseCsvRecords } from "../grades/csv";
import { emailSchema } from "../users/create-user";

/** The most data rows one import takes (docs/rosters.md). */
export const MAX_ROSTER_ROWS = 5_000;
export const MAX_SECTION_LENGTH = 64;
export const ROSTER_COLUMNS = ["email", "name", "role", "section"] as const;

export interface RosterRow {
  line: number;
  email: string;
  name: string | null;
  role: OfferingRole;
  section: string | null;
}

export interface BadRow {
  line: number;
  email: string | null;
  reason: string;
}

const nameSchema = z.string().trim().max(100, "name must be at most 100 characters");

/**
 * Reads and validates a roster: the header (`email` required; `name`, `role`, `section` optional, any order, nothing
 * else), then every row. Whole-file problems (no header, too many rows, malformed CSV) throw a validation AppError;
 * row problems are returned, each with its line and reason, and every row is checked.
 */
export function readRoster(csv: string): { rows: RosterRow[]; bad: BadRow[] } {
  const records = parseCsvRecords(csv);
  const head = records[0];
  const fail = (msg: string) => {
    throw new AppError("validation", `csv: ${msg}`, { csv: msg });
  };
  if (!head) fail("the file is empty (expected the header email,name,role,section)");
  const header = head!.fields.map((h) => h.trim().toLowerCase());
  if (!header.includes("email"))
    fail(`missing header: line ${head!.line} must name the columns (email,name,role,section)`);
  const unknown = header.filter((h) => !(ROSTER_COLUMNS as readonly string[]).includes(h));
  if (unknown.length)
    fail(`unknown column(s) ${unknown.map((u) => `'${u}'`).join(", ")} (allowed: ${ROSTER_COLUMNS.join(", ")})`);
  const dup = header.find((h, i) => header.indexOf(h) !== i);
  if (dup) fail(`the column '${dup}' appears twice in the header`);
  const data = records.slice(1);
  if (data.length > MAX_ROSTER_ROWS) fail(`too many rows: ${data.length} (at most ${MAX_ROSTER_ROWS} per import)`);
  const col = (name: string) => header.indexOf(name);
  const rows: RosterRow[] = [];
  const bad: BadRow[] = [];
  const seen = new Map<string, number>();
  for (const r of data) {
    const get = (name: string) => (col(name) >= 0 ? (r.fields[col(name)] ?? "").trim() : "");
    const rawEmail = get("email");
    const reasons: string[] = [];
    if (r.fields.length !== header.length) reasons.push(`expected ${header.length} field(s), found ${r.fields.length}`);
    const email = emailSchema.safeParse(rawEmail);
    if (!email.success) reasons.push(rawEmail ? `'${rawEmail}' is not a valid email address` : "email is missing");
    const roleText = get("role").toLowerCase() || "student";
    if (!(offeringRoles as readonly string[]).includes(roleText)) {
      reasons.push(`unknown role '${get("role")}' (use instructor, ta or student)`);
    }
    const section = get("section");
    if (section.length > MAX_SECTION_LENGTH) reasons.push(`section must be at most ${MAX_SECTION_LENGTH} characters`);
    const name = nameSchema.safeParse(get("name"));
    if (!name.success) reasons.push("name must be at most 100 characters");
    if (email.success) {
      const first = seen.get(email.data);
      if (first !== undefined) reasons.push(`duplicate email ${email.data} (first on line ${first})`);
      else seen.set(email.data, r.line);
    }
    if (reasons.length) {
      bad.push({ line: r.line, email: email.success ? email.data : rawEmail || null, reason: reasons.join("; ") });
      continue;
    }
    rows.push({
      line: r.line,
      email: email.data!,
      name: name.data || null,
      role: roleText as OfferingRole,
      section: section || null,
    });
  }
  return { rows, bad };
}
