import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { findPasswordHash, findUserById, type UserRow } from "@/db/queries/users";
import { burnVerify, PASSWORD_MAX, verifyPassword } from "./password";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().min(3).max(254),
  password: z.string().min(1).max(PASSWORD_MAX),
});

/** Returns the user for a correct email and password, or null; never says which of the two was wrong. */
export async function verifyCredentials(db: Db, input: unknown): Promise<UserRow | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const row = await findPasswordHash(db, email);
  if (!row?.passwordHash) {
    await burnVerify(password);
    return null;
  }
  if (!(await verifyPassword(row.passwordHash, password))) return null;
  return findUserById(db, row.id);
}
