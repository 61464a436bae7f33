import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/** The offering every installation has (created by the migration): today's URLs and every older row belong to it. */
export const DEFAULT_OFFERING = "default";

/**
 * One run of a course ("SSL, spring 2027"), with its own roster (enrolment), settings overrides, leaderboards,
 * grades and exports (docs/offerings.md). `course` names the course package it runs; only the bundled one
 * ("default") exists until several course packages per installation land.
 */
export const offerings = pgTable(
  "offering",
  {
    slug: text("slug").primaryKey(),
    title: text("title").notNull(),
    course: text("course").notNull().default("default"),
    term: text("term"),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    /** A student who knows it may enrol as a student while `joinEnabled`; regenerating it invalidates the old one. */
    joinCode: text("join_code"),
    joinEnabled: boolean("join_enabled").notNull().default(false),
    archived: boolean("archived").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("offering_join_code_idx").on(t.joinCode)],
);

/** A section of an offering; enrolment.section names it by slug. */
export const sections = pgTable(
  "section",
  {
    offering: text("offering")
      .notNull()
      .references(() => offerings.slug, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.offering, t.slug] })],
);

/**
 * A section's own due date for one assignment. The effective deadline of a student: their extension, else their
 * section's deadline, else the offering's settings override, else assignment.yaml (lib/offerings/deadlines.ts).
 */
export const sectionDeadlines = pgTable(
  "section_deadline",
  {
    offering: text("offering").notNull(),
    section: text("section").notNull(),
    assignment: text("assignment").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.offering, t.section, t.assignment] }),
    index("section_deadline_assignment_idx").on(t.offering, t.assignment),
  ],
);
