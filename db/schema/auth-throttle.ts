import { integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Fixed-window counters for sign-in failures and sign-ups, shared by every web process through the database.
 * `scope` names the counter ("signin-email", "signin-ip", "signup-ip"); `key` is the normalised email or client IP.
 * A window opens at the first event and closes `window` later, so a lock never outlives its window: an attacker
 * can delay a victim by at most one window per burst, never lock them out for good.
 */
export const authThrottle = pgTable(
  "auth_throttle",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/**
 * JWT sessions cannot be deleted, so each user has a floor: a session token issued at or before `validAfter` is
 * refused on every request. Sign-out moves the floor to now, which signs that user out everywhere.
 */
export const sessionFloors = pgTable("session_floor", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  validAfter: timestamp("valid_after", { withTimezone: true }).notNull(),
});
