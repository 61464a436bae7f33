"use server";
import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { getDb } from "@/db/client";
import { signIn } from "@/lib/auth/auth";
import { clientIp } from "@/lib/auth/client-ip";
import { getActor } from "@/lib/auth/current-user";
import {
  assertSignUpAllowed,
  normaliseEmail,
  recordSignUp,
  signInWait,
  tooManyMessage,
} from "@/lib/auth/sign-in-limiter";
import { isAppError } from "@/lib/errors";
import { safeReturnPath } from "@/lib/safe-redirect";
import { signUp } from "@/lib/users/sign-up";

export interface FormState {
  error?: string;
  fields?: Record<string, string>;
  values?: Record<string, string>;
}

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** The limits themselves are enforced inside the Credentials provider (lib/auth/credentials.ts); this only words them. */
async function signInWithPassword(email: string, password: string, redirectTo: string): Promise<FormState> {
  const who = { email: normaliseEmail(email), ip: clientIp(await headers()) };
  const db = await getDb();
  const wait = await signInWait(db, who);
  if (wait > 0) return { error: tooManyMessage("sign-in", wait), values: { email } };
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (err) {
    // A successful sign-in throws Next's redirect, which must propagate.
    if (err instanceof AuthError) {
      const again = await signInWait(db, who);
      if (again > 0 && (err as { code?: string }).code === "rate_limited")
        return { error: tooManyMessage("sign-in", again), values: { email } };
      return { error: "Wrong email or password.", values: { email } };
    }
    throw err;
  }
  return {};
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  return signInWithPassword(field(form, "email"), field(form, "password"), safeReturnPath(field(form, "next")));
}

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = { email: field(form, "email"), password: field(form, "password"), name: field(form, "name") };
  const values = { email: input.email, name: input.name };
  const db = await getDb();
  const ip = clientIp(await headers());
  try {
    await assertSignUpAllowed(db, ip);
    await signUp({ ctx: { db, actor: await getActor() }, input });
    await recordSignUp(db, ip);
  } catch (err) {
    if (isAppError(err)) return { error: err.message, fields: err.fields, values };
    throw err;
  }
  return signInWithPassword(input.email, input.password, safeReturnPath(field(form, "next")));
}
