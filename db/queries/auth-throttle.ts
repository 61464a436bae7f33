import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { authThrottle, sessionFloors } from "../schema";

export interface ThrottleState {
  count: number;
  windowStart: Date;
}

/** The counter for (scope, key) if its window is still open at `now`, else null. */
export async function findOpenThrottle(
  db: Db | Tx,
  scope: string,
  key: string,
  windowMs: number,
  now: Date,
): Promise<ThrottleState | null> {
  const rows = await db
    .select({ count: authThrottle.count, windowStart: authThrottle.windowStart })
    .from(authThrottle)
    .where(and(eq(authThrottle.scope, scope), eq(authThrottle.key, key)))
    .limit(1);
  const row = rows[0];
  if (!row || row.windowStart.getTime() + windowMs <= now.getTime()) return null;
  return row;
}

/**
 * Counts one event in one statement, so concurrent processes never lose an increment: a closed window restarts
 * at `now` with a count of 1, an open one grows by one. Returns the counter after the increment.
 */
export async function bumpThrottle(
  db: Db | Tx,
  scope: string,
  key: string,
  windowMs: number,
  now: Date,
): Promise<ThrottleState> {
  const expired = sql`${authThrottle.windowStart} <= ${new Date(now.getTime() - windowMs).toISOString()}::timestamptz`;
  const [row] = await db
    .insert(authThrottle)
    .values({ scope, key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: [authThrottle.scope, authThrottle.key],
      set: {
        count: sql`case when ${expired} then 1 else ${authThrottle.count} + 1 end`,
        windowStart: sql`case when ${expired} then ${now.toISOString()}::timestamptz else ${authThrottle.windowStart} end`,
      },
    })
    .returning({ count: authThrottle.count, windowStart: authThrottle.windowStart });
  return row!;
}

export async function clearThrottle(db: Db | Tx, scope: string, key: string): Promise<void> {
  await db.delete(authThrottle).where(and(eq(authThrottle.scope, scope), eq(authThrottle.key, key)));
}

/** Deletes counters whose window closed before `before` (housekeeping; a closed counter blocks nothing anyway). */
export async function pruneThrottles(db: Db | Tx, before: Date): Promise<number> {
  const rows = await db
    .delete(authThrottle)
    .where(sql`${authThrottle.windowStart} < ${before.toISOString()}::timestamptz`)
    .returning({ key: authThrottle.key });
  return rows.length;
}

export async function findSessionFloor(db: Db | Tx, userId: string): Promise<Date | null> {
  const rows = await db
    .select({ validAfter: sessionFloors.validAfter })
    .from(sessionFloors)
    .where(eq(sessionFloors.userId, userId))
    .limit(1);
  return rows[0]?.validAfter ?? null;
}

/** Moves the user's session floor to `at` (never backwards). */
export async function raiseSessionFloor(db: Db | Tx, userId: string, at: Date): Promise<void> {
  await db
    .insert(sessionFloors)
    .values({ userId, validAfter: at })
    .onConflictDoUpdate({
      target: sessionFloors.userId,
      set: { validAfter: sql`greatest(${sessionFloors.validAfter}, excluded.valid_after)` },
    });
}
