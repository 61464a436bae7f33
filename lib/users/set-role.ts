import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { countInstructors, setUserRole } from "@/db/queries/rosters";
import { findUserByEmail, type UserRow } from "@/db/queries/users";
import { roles, users } from "@/db/schema";
import { hashPassword, passwordSchema } from "../auth/password";
import { AppError } from "../errors";
import { parseInput } from "../validation";
import { emailSchema, FIRST_USER_LOCK } from "./create-user";

const setRoleSchema = z.strictObject({
  email: emailSchema,
  role: z.enum(roles, { error: `must be one of: ${roles.join(", ")}` }),
});

/**
 * Changes an account's global role (student, ta, instructor); never demotes the last instructor. Only the shell
 * (`npm run course -- user set-role`) calls this: shell access is the authority, as for `user add`.
 */
export async function setRole(db: Db, input: unknown): Promise<{ user: UserRow; previous: UserRow["role"] }> {
  const data = parseInput(setRoleSchema, input);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_USER_LOCK})`);
    const user = await findUserByEmail(tx, data.email);
    if (!user) throw new AppError("not_found", `There is no account ${data.email}.`);
    if (user.role === "instructor" && data.role !== "instructor" && (await countInstructors(tx)) <= 1) {
      throw new AppError("conflict", `${data.email} is the last instructor; make another account instructor first.`);
    }
    await setUserRole(tx, user.id, data.role);
    return { user: { ...user, role: data.role }, previous: user.role };
  });
}

/** Sets (or replaces) an account's password, e.g. for an account a roster import created without one. Shell only. */
export async function setPassword(db: Db, input: unknown): Promise<UserRow> {
  const data = parseInput(z.strictObject({ email: emailSchema, password: passwordSchema }), input);
  const user = await findUserByEmail(db, data.email);
  if (!user) throw new AppError("not_found", `There is no account ${data.email}.`);
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(data.password) })
    .where(eq(users.id, user.id));
  return user;
}
