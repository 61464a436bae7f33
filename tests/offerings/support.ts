import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { submissions } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { resolveActiveOffering } from "@/lib/offerings/active-offering";
import { insertGraded } from "../instructor/helpers";

/** The actor a request with `?offering=slug` would get (lib/auth/current-user.ts getActor). */
export async function inOffering(db: Db, user: Actor, offering: string): Promise<Actor> {
  const global = user.globalRole ?? user.role;
  const active = await resolveActiveOffering(db, { id: user.id, role: global }, { requested: offering });
  return { ...user, role: active.role, globalRole: global, offering: active.offering };
}

/** A graded submission (as the worker leaves it) in one offering. */
export async function insertGradedIn(db: Db, offering: string, v: Parameters<typeof insertGraded>[1]): Promise<string> {
  const id = await insertGraded(db, v);
  await db.update(submissions).set({ offering }).where(eq(submissions.id, id));
  return id;
}
