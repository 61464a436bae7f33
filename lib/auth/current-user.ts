import "server-only";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { findUserById } from "@/db/queries/users";
import { type Actor, isStaff } from "../context";
import { isAppError } from "../errors";
import { requestOfferingChoice, resolveActiveOffering } from "../offerings/active-offering";
import { auth } from "./auth";

/**
 * The signed-in user as stored now, or null, in the request's active offering (lib/offerings/active-offering.ts):
 * `role` is their role there, `globalRole` the account's. Cached per request. An explicit `?offering=` the user is
 * not in is refused here (403), before any route or page reads anything of it.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDb();
  const user = await findUserById(db, id);
  if (!user) return null;
  const active = await resolveActiveOffering(db, user, await requestOfferingChoice());
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: active.role,
    globalRole: user.role,
    offering: active.offering,
  };
});

/** For pages: signed-out visitors go to sign-in and come back afterwards; an offering they are not in is a 403. */
export async function requireActorPage(returnTo: string): Promise<Actor> {
  const actor = await getActor().catch((err: unknown) => {
    if (isAppError(err) && err.code === "forbidden") forbidden();
    throw err;
  });
  if (!actor) redirect(`/signin?next=${encodeURIComponent(returnTo)}`);
  return actor;
}

/** For instructor pages: signed-out visitors sign in; students get a 403 page. */
export async function requireInstructorPage(returnTo: string): Promise<Actor> {
  const actor = await requireActorPage(returnTo);
  if (actor.role !== "instructor") forbidden();
  return actor;
}

/** For pages course staff may see (instructors and TAs): signed-out visitors sign in; students get a 403 page. */
export async function requireStaffPage(returnTo: string): Promise<Actor> {
  const actor = await requireActorPage(returnTo);
  if (!isStaff(actor)) forbidden();
  return actor;
}
