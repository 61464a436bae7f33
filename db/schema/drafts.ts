import { check, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./users";

/**
 * A student's unsubmitted code for one assignment, autosaved from the workspace so it follows them across machines.
 * No row means "the starter". `revision` grows by one on every save; a save based on an older revision is refused
 * (another tab or machine saved in between), so two editors never silently overwrite each other.
 */
export const drafts = pgTable(
  "draft",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assignment: text("assignment").notNull(),
    source: text("source").notNull(),
    revision: integer("revision").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.assignment] }), check("draft_revision_positive", sql`${t.revision} > 0`)],
);
