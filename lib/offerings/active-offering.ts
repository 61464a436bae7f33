import "server-only";
import { cookies, headers } from "next/headers";
import type { Db, Tx } from "@/db/client";
import { DEFAULT_OFFERING, type Role } from "@/db/schema";
import { AppError } from "../errors";
import { NOT_IN_OFFERING, offeringRole, selectableOfferings } from "./membership";

/** The cookie the offering switcher sets; the `?offering=` query parameter (copied by proxy.ts) wins over it. */
export const OFFERING_COOKIE = "unlabeled-offering";
/** The request header proxy.ts fills from `?offering=` (and clears otherwise), so server code reads it once. */
export const OFFERING_HEADER = "x-unlabeled-offering";

export const OFFERING_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface ActiveOffering {
  offering: string;
  /** The user's role in it. */
  role: Role;
}

/**
 * The request's active offering and the user's role in it, resolved once per request (lib/auth/current-user.ts):
 * - `requested` (the query parameter): that offering, or 403 when the user is not in it (nothing about it leaks);
 * - else `cookie` (the switcher's choice), when the user is still in it; a stale cookie is ignored;
 * - else the default offering, when the user is in it; else the first offering they are enrolled in.
 */
export async function resolveActiveOffering(
  db: Db | Tx,
  user: { id: string; role: Role },
  choice: { requested?: string | null; cookie?: string | null },
): Promise<ActiveOffering> {
  if (choice.requested) {
    const role = OFFERING_SLUG.test(choice.requested) ? await offeringRole(db, user, choice.requested) : null;
    if (!role) throw new AppError("forbidden", NOT_IN_OFFERING);
    return { offering: choice.requested, role };
  }
  if (choice.cookie && OFFERING_SLUG.test(choice.cookie)) {
    const role = await offeringRole(db, user, choice.cookie);
    if (role) return { offering: choice.cookie, role };
  }
  const role = await offeringRole(db, user, DEFAULT_OFFERING);
  if (role) return { offering: DEFAULT_OFFERING, role };
  const [first] = await selectableOfferings(db, user);
  const firstRole = first ? await offeringRole(db, user, first) : null;
  if (first && firstRole) return { offering: first, role: firstRole };
  return { offering: DEFAULT_OFFERING, role: user.role };
}

/** The query parameter and cookie of the current request; none outside a request (scripts, tests). */
export async function requestOfferingChoice(): Promise<{ requested: string | null; cookie: string | null }> {
  try {
    const [h, c] = await Promise.all([headers(), cookies()]);
    return { requested: h.get(OFFERING_HEADER), cookie: c.get(OFFERING_COOKIE)?.value ?? null };
  } catch {
    return { requested: null, cookie: null };
  }
}
