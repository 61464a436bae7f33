import { jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * An instructor's term settings for one assignment, layered over its assignment.yaml (lib/content/settings-schema.ts
 * holds the shape of `overrides` and the layering). No row, or an absent key, keeps the file's value. Every change
 * is audited (audit_log, actions settings.override and settings.remove). Read and written only through
 * db/queries/assignment-settings.ts. Keyed by offering: each offering has its own term settings.
 */
export const assignmentSettings = pgTable(
  "assignment_settings",
  {
    offering: text("offering").notNull().default("default"),
    assignment: text("assignment").notNull(),
    /** { due?, late_policy?, quota_daily?, cooldown_seconds?, rubric?: { [checkId]: { points?, visibility? } } } */
    overrides: jsonb("overrides").notNull(),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.offering, t.assignment] })],
);
