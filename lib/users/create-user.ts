import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { countUsers, DuplicateEmailError, insertUser, type UserRow } from "@/db/queries/users";
import type { Role } from "@/db/schema";
import { AppError } from "../errors";
import { hashPassword, passwordSchema } from "../auth/password";
import { parseInput } from "../validation";

export const emailSchema = z
  .string({ error: "is required" })
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .pipe(z.email({ error: "is not a valid email address" }));

export const newUserSchema = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: z
    .string()
    .trim()
    .max(100, "must be at most 100 characters")
    .optional()
    .transform((n) => n || null),
});

export const FIRST_USER_LOCK = 7_424_133_002;

/**
 * Creates an account. With `role` unset, the first account on an empty database becomes the instructor and
 * later ones students; an advisory lock makes "first" exact when two sign-ups race.
 */
export async function createUser(db: Db, input: unknown, role?: Role): Promise<UserRow> {
  const data = parseInput(newUserSchema, input);
  const localPart = data.email.split("@")[0] ?? "";
  if (localPart.length >= 4 && data.password.toLowerCase().includes(localPart)) {
    throw new AppError("validation", "password: must not contain your email name", {
      password: "must not contain your email name",
    });
  }
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_USER_LOCK})`);
      const chosen: Role = role ?? ((await countUsers(tx)) === 0 ? "instructor" : "student");
      return insertUser(tx, { email: data.email, name: data.name, role: chosen, passwordHash });
    });
  } catch (err) {
    if (err instanceof DuplicateEmailError) {
      throw new AppError("conflict", "An account with this email already exists.", { email: "is already registered" });
    }
    throw err;
  }
}

/** Accounts created by an OAuth sign-in (Auth.js adapter): same first-account rule, no password. */
export async function createOAuthUser(
  db: Db,
  data: { email: string; name?: string | null; image?: string | null; emailVerified?: Date | null },
): Promise<UserRow & { image: string | null; emailVerified: Date | null }> {
  const email = parseInput(emailSchema, data.email);
  const name = data.name ? data.name.slice(0, 100) : null;
  try {
    const row = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_USER_LOCK})`);
      const role: Role = (await countUsers(tx)) === 0 ? "instructor" : "student";
      return insertUser(tx, { email, name, role, passwordHash: null });
    });
    return { ...row, image: data.image ?? null, emailVerified: data.emailVerified ?? null };
  } catch (err) {
    if (err instanceof DuplicateEmailError) {
      throw new AppError("conflict", "An account with this email already exists; sign in with your password.");
    }
    throw err;
  }
}
