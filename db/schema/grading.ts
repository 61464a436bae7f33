import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./users";

export const submissionStatuses = ["queued", "running", "graded", "failed", "superseded"] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];
/**
 * queued → running → graded (a result exists, whatever the score) | failed (the platform could not grade it);
 * queued → superseded (a newer submission of the same student and assignment replaced it before grading started:
 * never graded, does not count against the quota; `supersededBy` names the newer one).
 */
export const submissionStatusEnum = pgEnum("submission_status", submissionStatuses);

export const submissions = pgTable(
  "submission",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The offering it was submitted in (docs/offerings.md); grades, boards and exports of an offering count only its own. */
    offering: text("offering").notNull().default("default"),
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
    /** The pg-boss priority its grading jobs get (lib/grading/schedule.ts): higher runs first. */
    priority: integer("priority").notNull().default(0),
    /** Status superseded: the newer submission that replaced it. */
    supersededBy: uuid("superseded_by"),
    /** A two-phase grading's cheap-phase result, kept until the expensive phase completes it (lib/grading/phases.ts). */
    partialResult: jsonb("partial_result"),
  },
  (t) => [
    index("submission_user_assignment_idx").on(t.userId, t.assignment, t.createdAt),
    index("submission_status_idx").on(t.status),
    index("submission_offering_assignment_idx").on(t.offering, t.assignment),
  ],
);

/**
 * One row per grading job a worker finished (a two-phase grading has two): what the wait estimate and the rush
 * bench measure. `cpuMs` is the grader process's CPU time plus its reaped children's (the sandbox) during the job,
 * recorded only when the process runs one job at a time (else the children's time cannot be attributed).
 */
export const gradingRuns = pgTable(
  "grading_run",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    assignment: text("assignment").notNull(),
    /** cheap | expensive | all */
    phase: text("phase").notNull(),
    graderId: text("grader_id"),
    /** graded | partial (cheap phase done, expensive queued) | stale (another attempt owned it) | error */
    outcome: text("outcome").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }).notNull().defaultNow(),
    durationMs: integer("duration_ms").notNull(),
    cpuMs: integer("cpu_ms"),
  },
  (t) => [index("grading_run_assignment_idx").on(t.assignment, t.phase, t.finishedAt)],
);

/**
 * Grader processes that are alive: each upserts its row every heartbeat (lib/grading/grader-registry.ts). The wait
 * estimate counts the slots of graders seen within the stale limit; a row also says which assignments that grader
 * classes as training (lib/grading/cost.ts) and whether its engine grades in two phases.
 */
export const graders = pgTable(
  "grader",
  {
    id: text("id").primaryKey(),
    host: text("host").notNull(),
    pid: integer("pid").notNull(),
    /** Jobs it grades at once (its worker concurrency). */
    slots: integer("slots").notNull(),
    training: jsonb("training").$type<string[]>().notNull(),
    splitsPhases: boolean("splits_phases").notNull().default(false),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("grader_heartbeat_idx").on(t.heartbeatAt)],
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
