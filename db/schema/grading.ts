import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const submissionStatuses = ["queued", "running", "graded", "failed"] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];
/** queued → running → graded (a result exists, whatever the score) | failed (the platform could not grade it). */
export const submissionStatusEnum = pgEnum("submission_status", submissionStatuses);

export const submissions = pgTable(
  "submission",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assignment: text("assignment").notNull(),
    source: text("source").notNull(),
    /** The seed handed to the grader: a regrade with the same seed and backend reproduces the metrics. */
    seed: integer("seed").notNull(),
    status: submissionStatusEnum("status").notNull().default("queued"),
    /** Grading attempts started (retries after a crashed grader included). */
    attempts: integer("attempts").notNull().default(0),
    /** The pg-boss job currently responsible for grading it. */
    jobId: uuid("job_id"),
    phase: text("phase"),
    /** The latest progress report: { phase, epoch?, metrics?, message? }. */
    progress: jsonb("progress"),
    /** Updated while a grader works on it; a stale heartbeat means the grader died. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    score: real("score"),
    maxScore: real("max_score"),
    passed: boolean("passed"),
    /** The result's error kind (compile, runtime, timeout, …) or null; failed runs do not count against the quota. */
    errorKind: text("error_kind"),
    /** Why the platform gave up (status failed). */
    failure: text("failure"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    gradedAt: timestamp("graded_at", { withTimezone: true }),
  },
  (t) => [
    index("submission_user_assignment_idx").on(t.userId, t.assignment, t.createdAt),
    index("submission_status_idx").on(t.status),
  ],
);

export const gradingResults = pgTable(
  "grading_result",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    /** Why this result exists: the first grading or a regrade. */
    reason: text("reason").notNull().default("submit"),
    graderVersion: text("grader_version").notNull(),
    backend: text("backend"),
    score: real("score").notNull(),
    maxScore: real("max_score").notNull(),
    passed: boolean("passed").notNull(),
    /** The full Gradescope-compatible result (instructor view: hidden checks included). */
    result: jsonb("result").notNull(),
    /** The current result of a submission; earlier ones stay as history. */
    current: boolean("current").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("grading_result_submission_idx").on(t.submissionId, t.createdAt),
    uniqueIndex("grading_result_current_idx").on(t.submissionId).where(sql`${t.current}`),
  ],
);
