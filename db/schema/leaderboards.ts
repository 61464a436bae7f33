import { pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { submissions } from "./grading";
import { users } from "./users";

/** Per-assignment leaderboard state; no row means: public board live, private board hidden, not frozen. */
export const leaderboardSettings = pgTable(
  "leaderboard_setting",
  {
    offering: text("offering").notNull().default("default"),
    assignment: text("assignment").notNull(),
    /** When the private board was revealed to students (null: hidden). */
    revealedAt: timestamp("revealed_at", { withTimezone: true }),
    /** Submissions created after this instant do not count on the board (null: not frozen). */
    frozenAt: timestamp("frozen_at", { withTimezone: true }),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.offering, t.assignment] })],
);

/** Rows an instructor removed from the students' board (the instructor still sees them, marked). */
export const leaderboardHiddenRows = pgTable(
  "leaderboard_hidden_row",
  {
    offering: text("offering").notNull().default("default"),
    assignment: text("assignment").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    hiddenBy: text("hidden_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.offering, t.assignment, t.userId] })],
);

/** Stored random pseudonyms, one per student and assignment, so boards never show names or emails. */
export const leaderboardAliases = pgTable(
  "leaderboard_alias",
  {
    offering: text("offering").notNull().default("default"),
    assignment: text("assignment").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    alias: text("alias").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.offering, t.assignment, t.userId] }),
    uniqueIndex("leaderboard_alias_unique_idx").on(t.offering, t.assignment, t.alias),
  ],
);

/** The submission a student chose to count on the board (otherwise the best public score counts). */
export const leaderboardChoices = pgTable(
  "leaderboard_choice",
  {
    offering: text("offering").notNull().default("default"),
    assignment: text("assignment").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.offering, t.assignment, t.userId] })],
);
