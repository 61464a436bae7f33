import "server-only";
import type { Db, Tx } from "@/db/client";
import { enrolledElsewhere, findOffering, listUserEnrolments } from "@/db/queries/offerings";
import { findEnrolment } from "@/db/queries/lti";
import { DEFAULT_OFFERING, type Role } from "@/db/schema";
import { type Actor, offeringOf, outranks } from "../context";
import { AppError } from "../errors";

/** Said for an offering that does not exist and for one the user is not in alike, so neither leaks the other. */
export const NOT_IN_OFFERING = "There is no such offering, or you are not enrolled in it.";

/**
 * The user's role in one offering, or null when they are not in it (docs/offerings.md, "Who is in an offering"):
 * - an installation instructor (users.role instructor) is an instructor of every offering;
 * - an enrolment gives its role there, and only there (a TA of A is nobody in B);
 * - the default offering also keeps everyone who has no enrolment anywhere, with their global role (every account
 *   before offerings), and the global TAs; there the higher of the enrolment's and the global role counts, as before.
 */
export async function offeringRole(
  db: Db | Tx,
  user: { id: string; role: Role },
  offering: string,
): Promise<Role | null> {
  if (offering !== DEFAULT_OFFERING && !(await findOffering(db, offering))) return null;
  if (user.role === "instructor") return "instructor";
  const enrolment = await findEnrolment(db, offering, user.id);
  if (offering !== DEFAULT_OFFERING) return enrolment?.role ?? null;
  if (enrolment) return outranks(user.role, enrolment.role) ? user.role : enrolment.role;
  if (user.role === "ta") return "ta";
  return (await enrolledElsewhere(db, user.id, offering)) ? null : user.role;
}

/** The offerings a user may select: every one for an installation instructor, else the ones they are in. */
export async function selectableOfferings(db: Db | Tx, user: { id: string; role: Role }): Promise<string[]> {
  const enrolled = (await listUserEnrolments(db, user.id)).map((e) => e.offering);
  const inDefault = (await offeringRole(db, user, DEFAULT_OFFERING)) !== null;
  const set = new Set(enrolled);
  if (inDefault) set.add(DEFAULT_OFFERING);
  return [...set].sort((a, b) => (a === DEFAULT_OFFERING ? -1 : b === DEFAULT_OFFERING ? 1 : a.localeCompare(b)));
}

/** For verbs any caller may reach: the actor must be in the context's offering (403, nothing about it leaks). */
export async function requireInOffering(db: Db | Tx, ctx: { offering?: string; actor: Actor }): Promise<void> {
  const user = { id: ctx.actor.id, role: ctx.actor.globalRole ?? ctx.actor.role };
  if (!(await offeringRole(db, user, offeringOf(ctx)))) throw new AppError("forbidden", NOT_IN_OFFERING);
}
