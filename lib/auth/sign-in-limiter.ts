import "server-only";
import type { Db } from "@/db/client";
import { bumpThrottle, clearThrottle, findOpenThrottle, pruneThrottles } from "@/db/queries/auth-throttle";
import { AppError } from "../errors";

const MINUTE = 60_000;

export interface Limit {
  scope: string;
  max: number;
  windowMs: number;
}

/** A positive whole number from the environment, else `fallback`; anything else is a start-up error naming it. */
export function envInt(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number; got "${raw}".`);
  return n;
}

/**
 * The limits, from the environment where set. Failed sign-ins: 10 per email and 100 per IP (a classroom shares one
 * address) in 15 minutes. Accounts created: 50 per IP per hour. Every window closes on its own; nothing is permanent.
 */
export function authLimits(env: Record<string, string | undefined> = process.env) {
  return {
    signInEmail: { scope: "signin-email", max: envInt(env, "SIGNIN_LIMIT_PER_EMAIL", 10), windowMs: 15 * MINUTE },
    signInIp: { scope: "signin-ip", max: envInt(env, "SIGNIN_LIMIT_PER_IP", 100), windowMs: 15 * MINUTE },
    signUpIp: { scope: "signup-ip", max: envInt(env, "SIGNUP_LIMIT_PER_IP", 50), windowMs: 60 * MINUTE },
  } satisfies Record<string, Limit>;
}

/** Seconds until `limit` lets `key` act again; 0 when it may act now. */
export async function waitFor(db: Db, limit: Limit, key: string, now = new Date()): Promise<number> {
  const open = await findOpenThrottle(db, limit.scope, key, limit.windowMs, now);
  if (!open || open.count < limit.max) return 0;
  return Math.max(1, Math.ceil((open.windowStart.getTime() + limit.windowMs - now.getTime()) / 1000));
}

/** "try again in N minute(s)", rounded up to whole minutes, for every limit's message. */
export function tryAgainIn(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `try again in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export function tooManyMessage(what: "sign-in" | "sign-up", seconds: number): string {
  return `Too many ${what} attempts; ${tryAgainIn(seconds)}.`;
}

export interface SignInKey {
  email: string;
  ip: string;
}

export function normaliseEmail(email: unknown): string {
  return typeof email === "string" ? email.trim().toLowerCase().slice(0, 254) : "";
}

/** Seconds before this email from this IP may try a password again (the longer of the two limits). */
export async function signInWait(
  db: Db,
  who: SignInKey,
  now = new Date(),
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const limits = authLimits(env);
  const [byEmail, byIp] = await Promise.all([
    waitFor(db, limits.signInEmail, who.email, now),
    waitFor(db, limits.signInIp, who.ip, now),
  ]);
  return Math.max(byEmail, byIp);
}

export async function recordSignInFailure(
  db: Db,
  who: SignInKey,
  now = new Date(),
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const limits = authLimits(env);
  await bumpThrottle(db, limits.signInEmail.scope, who.email, limits.signInEmail.windowMs, now);
  await bumpThrottle(db, limits.signInIp.scope, who.ip, limits.signInIp.windowMs, now);
  // Housekeeping, now and then: counters whose window closed a day ago.
  if (Math.random() < 0.01) await pruneThrottles(db, new Date(now.getTime() - 24 * 60 * MINUTE));
}

/** A correct password clears its email's failures; the IP's count stays, so one valid account cannot reset it. */
export async function clearSignInFailures(
  db: Db,
  email: string,
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  await clearThrottle(db, authLimits(env).signInEmail.scope, email);
}

/** Throws a 429 AppError when this IP has created too many accounts in the last hour. */
export async function assertSignUpAllowed(
  db: Db,
  ip: string,
  now = new Date(),
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const wait = await waitFor(db, authLimits(env).signUpIp, ip, now);
  if (wait > 0) throw new AppError("rate_limited", tooManyMessage("sign-up", wait));
}

export async function recordSignUp(
  db: Db,
  ip: string,
  now = new Date(),
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const limit = authLimits(env).signUpIp;
  await bumpThrottle(db, limit.scope, ip, limit.windowMs, now);
}
