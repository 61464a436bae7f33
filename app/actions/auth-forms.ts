"use server";
import { AuthError } from "next-auth";
import { getDb } from "@/db/client";
import { signIn } from "@/lib/auth/auth";
import { getActor } from "@/lib/auth/current-user";
import { clearSignInFailures, recordSignInFailure, signInBlockedFor } from "@/lib/auth/sign-in-limiter";
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

async function signInWithPassword(email: string, password: string, redirectTo: string): Promise<FormState> {
  const key = email.trim().toLowerCase();
  const wait = signInBlockedFor(key);
  if (wait > 0) return { error: `Too many failed attempts. Try again in ${Math.ceil(wait / 60)} minutes.`, values: { email } };
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (err) {
    // A successful sign-in throws Next's redirect, which must propagate.
    if (err instanceof AuthError) {
      recordSignInFailure(key);
      return { error: "Wrong email or password.", values: { email } };
    }
    throw err;
  }
  clearSignInFailures(key);
  return {};
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  return signInWithPassword(field(form, "email"), field(form, "password"), safeReturnPath(field(form, "next")));
}

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = { email: field(form, "email"), password: field(form, "password"), name: field(form, "name") };
  const values = { email: input.email, name: input.name };
  try {
    await signUp({ ctx: { db: await getDb(), actor: await getActor() }, input });
  } catch (err) {
    if (isAppError(err)) return { error: err.message, fields: err.fields, values };
    throw err;
  }
  return signInWithPassword(input.email, input.password, safeReturnPath(field(form, "next")));
}
