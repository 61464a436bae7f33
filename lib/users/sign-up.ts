import "server-only";
import type { ServiceContext } from "../context";
import { AppError } from "../errors";
import { createUser } from "./create-user";

/** Public sign-up: anyone signed out may create a student account (the very first account is the instructor). */
export async function signUp({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  if (ctx.actor) throw new AppError("conflict", "You are already signed in.");
  return createUser(ctx.db, input);
}
