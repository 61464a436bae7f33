import "server-only";
import { findUserById, type UserRow } from "@/db/queries/users";
import type { Db, Tx } from "@/db/client";
import { listAssignments, type AssignmentEntry } from "@/lib/content/assignments";
import type { ServiceContext } from "../context";
import { AppError } from "../errors";

/** What instructor verbs receive: tests point `contentDir` at a fixture course and fix `now`. */
export interface InstructorContext extends ServiceContext {
  contentDir?: string;
  now?: Date;
}

export async function requireAssignment(slug: string, contentDir?: string): Promise<AssignmentEntry> {
  const found = (await listAssignments(contentDir)).find((a) => a.slug === slug);
  if (!found) throw new AppError("not_found", `There is no assignment '${slug}'.`);
  return found;
}

export async function requireStudent(db: Db | Tx, userId: string): Promise<UserRow> {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError("not_found", "There is no such user.");
  return user;
}
