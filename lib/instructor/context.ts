import "server-only";
import { findUserById, type UserRow } from "@/db/queries/users";
import type { Db, Tx } from "@/db/client";
import type { ServiceContext } from "../context";
import { AppError } from "../errors";

/** What instructor verbs receive: tests point `contentDir` at a fixture course and fix `now`. */
export interface InstructorContext extends ServiceContext {
  contentDir?: string;
  now?: Date;
}

export { requireAssignment } from "@/lib/content/assignments";

export async function requireStudent(db: Db | Tx, userId: string): Promise<UserRow> {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError("not_found", "There is no such user.");
  return user;
}
