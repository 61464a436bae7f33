import { index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { submissions } from "./grading";
import { users } from "./users";

/** A later deadline for one student on one assignment (replaced, never stacked; history is in the audit log). */
export const deadlineExtensions = pgTable(
  "deadline_extension",
  {
    offering: text("offering").notNull().default("default"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assignment: text("assignment").notNull(),
    until: timestamp("until", { withTimezone: true }).notNull(),
    reason: text("reason").notNull(),
    grantedBy: text("granted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.offering, t.userId, t.assignment] })],
);

/** Replaces assignment.yaml's quota for one student; a null field keeps the assignment's value. */
export const quotaOverrides = pgTable(
  "quota_override",
  {
    offering: text("offering").notNull().default("default"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assignment: text("assignment").notNull(),
    daily: integer("daily"),
    cooldownSeconds: integer("cooldown_seconds"),
    reason: text("reason").notNull(),
    grantedBy: text("granted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.offering, t.userId, t.assignment] })],
);

/** Points added to (or, negative, taken from) a student's final grade on an assignment, with the reason. */
export const scoreAdjustments = pgTable(
  "score_adjustment",
  {
    offering: text("offering").notNull().default("default"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assignment: text("assignment").notNull(),
    points: real("points").notNull(),
    reason: text("reason").notNull(),
    adjustedBy: text("adjusted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.offering, t.userId, t.assignment] })],
);

/**
 * Every action an audit row records, in one place: writers (db/queries/instructor-audit.ts insertAudit) take an
 * AuditAction, so a new instructor verb adds its action here. Stored as text; rows written before an action was
 * renamed keep their old text.
 */
export const auditActions = [
  "extension.grant",
  "extension.remove",
  "quota.override",
  "quota.remove",
  "score.adjust",
  "regrade.start",
  "leaderboard.reveal",
  "leaderboard.unreveal",
  "leaderboard.freeze",
  "leaderboard.unfreeze",
  "leaderboard.hide-row",
  "leaderboard.show-row",
  "settings.override",
  "settings.remove",
  "course.publish",
  "lti.platform",
  "lti.key-rotate",
  "lti.enrol",
  "roster.import",
  "similarity.request",
  "offering.create",
  "offering.update",
  "offering.join-code",
  "offering.join",
  "section.save",
  "section.deadline",
] as const;
export type AuditAction = (typeof auditActions)[number];

/** Every instructor action, written in the same transaction as the change it records. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** The offering the action was taken in. */
    offering: text("offering").notNull().default("default"),
    /** One of auditActions (above), e.g. extension.grant, quota.override, score.adjust, regrade.start. */
    action: text("action").$type<AuditAction>().notNull(),
    assignment: text("assignment"),
    subjectUserId: text("subject_user_id").references(() => users.id, { onDelete: "set null" }),
    submissionId: uuid("submission_id").references(() => submissions.id, { onDelete: "set null" }),
    /** What changed: old and new values, the reason. */
    details: jsonb("details").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt), index("audit_log_subject_idx").on(t.subjectUserId, t.assignment)],
);

/** One regrade request: a single submission or every graded submission of an assignment. */
export const regradeBatches = pgTable(
  "regrade_batch",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    offering: text("offering").notNull().default("default"),
    assignment: text("assignment").notNull(),
    /** "one" or "all". */
    scope: text("scope").notNull(),
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    total: integer("total").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("regrade_batch_assignment_idx").on(t.assignment, t.createdAt)],
);

/** A submission in a regrade batch with its score before the regrade; it is done once graded (or failed) after the batch began. */
export const regradeItems = pgTable(
  "regrade_item",
  {
    batchId: uuid("batch_id")
      .notNull()
      .references(() => regradeBatches.id, { onDelete: "cascade" }),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    previousScore: real("previous_score"),
    previousGraderVersion: text("previous_grader_version"),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.submissionId] }), index("regrade_item_submission_idx").on(t.submissionId)],
);
