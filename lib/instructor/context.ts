import "server-only";
import type { Db, Tx } from "@/db/client";
import { findUserById, type UserRow } from "@/db/queries/users";
import type { ServiceContext } from "../context";
import { AppError } from "../errors";

/**
 * @deprecated Every verb takes ServiceContext (lib/context.ts) through defineVerb (lib/verb.ts); this alias stays
 * only until the instructor settings verbs move onto defineVerb.
 */
export type InstructorContext = ServiceContext;

export { requireAssignment } from "@/lib/content/assignments";

export async function requireStudent(db: Db | Tx, userId: string): Promise<UserRow> {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError("not_found", "There is no such user.");
  return user;
}
