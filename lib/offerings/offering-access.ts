import "server-only";
import type { Db, Tx } from "@/db/client";
import { findOffering, type OfferingRow } from "@/db/queries/offerings";
import { type Actor, isInstallationInstructor, offeringOf } from "../context";
import { AppError } from "../errors";

/**
 * The offering an instructor verb manages: an installation instructor may manage any; an instructor of one offering
 * (an enrolment) only the active one. Another, or one that does not exist, is refused alike (403, nothing leaks).
 */
export async function requireManagedOffering(
  db: Db | Tx,
  ctx: { offering?: string; actor: Actor },
  slug: string,
): Promise<OfferingRow> {
  const mine = ctx.actor.role === "instructor" && slug === offeringOf(ctx);
  const row = mine || isInstallationInstructor(ctx.actor) ? await findOffering(db, slug) : null;
  if (!row) throw new AppError("forbidden", "There is no such offering, or you do not teach it.");
  return row;
}
