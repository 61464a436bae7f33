import "server-only";
import type { Db, Tx } from "@/db/client";
import { findOffering, type OfferingRow } from "@/db/queries/offerings";
import { type Actor, isInstallationInstructor, offeringOf } from "../context";
import { AppError } from "../errors";

/**
 * The offering an instructor verb manages: an installation instructor may manage any; an instructor of one offering
 * (an enrolment) only the active one; another is refused (403) whether it exists or not, so nothing leaks. An
 * installation instructor asking for one that does not exist gets 404.
 */
export async function requireManagedOffering(
  db: Db | Tx,
  ctx: { offering?: string; actor: Actor },
  slug: string,
): Promise<OfferingRow> {
  const mine = ctx.actor.role === "instructor" && slug === offeringOf(ctx);
  const all = isInstallationInstructor(ctx.actor);
  const row = mine || all ? await findOffering(db, slug) : null;
  if (row) return row;
  if (all) throw new AppError("not_found", "There is no such offering.");
  throw new AppError("forbidden", "There is no such offering, or you do not teach it.");
}
