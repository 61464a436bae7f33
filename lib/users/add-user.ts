import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { roles } from "@/db/schema";
import { parseInput } from "../validation";
import { createUser } from "./create-user";

const roleSchema = z.enum(roles, { error: `must be one of: ${roles.join(", ")}` });

/** Creates an account with an explicit role. Only the shell (`npm run course -- user add`) calls this: shell access is the authority. */
export async function addUser({
  db,
  input,
}: {
  db: Db;
  input: { email: unknown; password: unknown; name?: unknown; role: unknown };
}) {
  const role = parseInput(z.strictObject({ role: roleSchema }), { role: input.role }).role;
  return createUser(db, { email: input.email, password: input.password, name: input.name }, role);
}
