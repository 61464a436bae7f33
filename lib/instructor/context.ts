import "server-only";
import type { Db, Tx } from "@/db/client";
import { findUserById, type UserRow } from "@/db/queries/users";
import type { ServiceContext } from "../context";
import { AppError } from "../errors";
import { DEFAULT_OFFERING } from "@/db/schema";
import { offeringRole } from "../offerings/membership";

/**
 * @deprecated Every verb takes ServiceContext (lib/context.ts) through defineVerb (lib/verb.ts); this alias stays
 * only until the instructor settings verbs move onto defineVerb.
 */
export type InstructorContext = ServiceContext;

export { requireAssignment } from "@/lib/content/assignments";

/**
 * The subject of a staff action: a user in the offering (absent: the default one). Someone of another offering
 * looks exactly like nobody, so a TA of A learns nothing about B's people.
 */
export async function requireStudent(
  db: Db | Tx,
  userId: string,
  offering: string = DEFAULT_OFFERING,
): Promise<UserRow> {
  const user = await findUserById(db, userId);
  if (!user || !(await offeringRole(db, user, offering))) throw new AppError("not_found", "There is no such user.");
  return user;
}
