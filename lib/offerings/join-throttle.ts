import "server-only";
import type { Db, Tx } from "@/db/client";
import { bumpThrottle, clearThrottle } from "@/db/queries/auth-throttle";
import { AppError } from "../errors";
import { envInt, type Limit, tryAgainIn, waitFor } from "../auth/sign-in-limiter";

const MINUTE = 60_000;

/**
 * Wrong join codes: 10 per account and 100 per IP (a classroom shares one address) in 15 minutes. A code has 31¹⁰
 * possible values, so the limit is not what keeps it secret; it keeps a script from hammering the database and
 * makes guessing visible (the counters live in auth_throttle beside the sign-in ones, and close on their own).
 */
export function joinLimits(env: Record<string, string | undefined> = process.env) {
  return {
    user: { scope: "join-user", max: envInt(env, "JOIN_LIMIT_PER_USER", 10), windowMs: 15 * MINUTE },
    ip: { scope: "join-ip", max: envInt(env, "JOIN_LIMIT_PER_IP", 100), windowMs: 15 * MINUTE },
  } satisfies Record<string, Limit>;
}

export interface JoinKey {
  userId: string;
  /** Absent (the CLI, tests that pass none): only the account's limit applies. */
  ip?: string;
}

/** Throws a 429 AppError, before the code is looked at, while this account or IP has too many wrong codes. */
export async function assertJoinAllowed(
  db: Db,
  who: JoinKey,
  now = new Date(),
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const limits = joinLimits(env);
  const waits = await Promise.all([
    waitFor(db, limits.user, who.userId, now),
    who.ip ? waitFor(db, limits.ip, who.ip, now) : Promise.resolve(0),
  ]);
  const wait = Math.max(...waits);
  if (wait > 0) throw new AppError("rate_limited", `Too many wrong join codes; ${tryAgainIn(wait)}.`);
}

export async function recordWrongJoinCode(
  db: Db,
  who: JoinKey,
  now = new Date(),
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const limits = joinLimits(env);
  await bumpThrottle(db, limits.user.scope, who.userId, limits.user.windowMs, now);
  if (who.ip) await bumpThrottle(db, limits.ip.scope, who.ip, limits.ip.windowMs, now);
}

/** A right code clears the account's count (the IP's stays, so one valid code cannot reset a shared address). */
export async function clearWrongJoinCodes(
  db: Db,
  userId: string,
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  await clearThrottle(db, joinLimits(env).user.scope, userId);
}
