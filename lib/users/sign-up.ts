import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import { defineVerb } from "../verb";
import { createUser } from "./create-user";

/** Public sign-up: anyone signed out may create a student account (the very first account is the instructor). */
export const signUp = defineVerb({
  role: "anyone",
  // createUser parses (and checks the password against the email): the input goes through as it came.
  input: z.unknown(),
  run: async (ctx, input) => {
    if (ctx.actor) throw new AppError("conflict", "You are already signed in.");
    return createUser(ctx.db, input);
  },
});
