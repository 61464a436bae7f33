import "server-only";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { findUserById } from "@/db/queries/users";
import { type Actor, isStaff } from "../context";
import { auth } from "./auth";

/** The signed-in user as stored now (role included), or null. Cached per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await findUserById(await getDb(), id);
  return user ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
});

/** For pages: signed-out visitors go to sign-in and come back afterwards. */
export async function requireActorPage(returnTo: string): Promise<Actor> {
  const actor = await getActor();
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
