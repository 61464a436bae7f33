import type { Db } from "@/db/client";
import type { Role } from "@/db/schema";
import { AppError } from "./errors";

/** Who is acting. Routes build it from the session; the CLI acts as a trusted operator. */
export interface Actor {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

export interface ServiceContext {
  db: Db;
  actor: Actor | null;
}

/** The first line of every protected verb: refuses anonymous callers and, if given, the wrong role. */
export function authorize(actor: Actor | null, role?: Role): Actor {
  if (!actor) throw new AppError("unauthenticated", "Sign in to continue.");
  if (role === "instructor" && actor.role !== "instructor") {
    throw new AppError("forbidden", "This is for instructors only.");
  }
  return actor;
}
