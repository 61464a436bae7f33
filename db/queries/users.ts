import { count, eq } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { users, type Role } from "../schema";
import { memberOf } from "./offerings";

export const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  createdAt: users.createdAt,
};

export type UserRow = { id: string; email: string; name: string | null; role: Role; createdAt: Date };

export async function findUserById(db: Db | Tx, id: string): Promise<UserRow | null> {
  const rows = await db.select(userColumns).from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findUserByEmail(db: Db | Tx, email: string): Promise<UserRow | null> {
  const rows = await db.select(userColumns).from(users).where(eq(users.email, email)).limit(1);
  return rows[0] ?? null;
}

export async function findPasswordHash(
  db: Db | Tx,
  email: string,
): Promise<{ id: string; passwordHash: string | null } | null> {
  const rows = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  return rows[0] ?? null;
}

export async function countUsers(db: Db | Tx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function insertUser(
  db: Db | Tx,
  values: { email: string; name: string | null; role: Role; passwordHash: string | null },
): Promise<UserRow> {
  const [row] = await db
    .insert(users)
    .values(values)
    .onConflictDoNothing({ target: users.email })
    .returning(userColumns);
  if (!row) throw new DuplicateEmailError(values.email);
  return row;
}

export class DuplicateEmailError extends Error {
  constructor(readonly email: string) {
    super(`an account with email ${email} already exists`);
  }
}

/** Every account, or (`offering`) the people in one offering (db/queries/offerings.ts memberOf). */
export async function listUsers(
  db: Db | Tx,
  opts: { limit: number; offset: number; offering?: string },
): Promise<UserRow[]> {
  return db
    .select(userColumns)
    .from(users)
    .where(opts.offering ? memberOf(opts.offering, users.id, users.role) : undefined)
    .orderBy(users.createdAt, users.email)
    .limit(opts.limit)
    .offset(opts.offset);
}

export async function countUsersByRole(db: Db | Tx, offering?: string): Promise<Record<Role, number>> {
  const rows = await db
    .select({ role: users.role, n: count() })
    .from(users)
    .where(offering ? memberOf(offering, users.id, users.role) : undefined)
    .groupBy(users.role);
  const out: Record<Role, number> = { student: 0, instructor: 0, ta: 0 };
  for (const r of rows) out[r.role] = r.n;
  return out;
}
