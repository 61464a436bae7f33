import "server-only";
import type { Db } from "@/db/client";
import { findSessionFloor, raiseSessionFloor } from "@/db/queries/auth-throttle";

/**
 * Session tokens are JWTs, which the server cannot delete. Each token carries `authAt` (ms, set at sign-in and never
 * refreshed); a token whose `authAt` is not after the user's floor is refused on every request.
 */
export async function sessionStillValid(db: Db, userId: string, authAt: unknown): Promise<boolean> {
  const floor = await findSessionFloor(db, userId);
  if (!floor) return true;
  return typeof authAt === "number" && authAt > floor.getTime();
}

/** Signs the user out everywhere: every token issued until now stops working. */
export async function revokeSessions(db: Db, userId: string, now = new Date()): Promise<void> {
  await raiseSessionFloor(db, userId, now);
}
