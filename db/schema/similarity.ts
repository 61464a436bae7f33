import { index, integer, jsonb, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { submissions } from "./grading";
import { users } from "./users";

export const similarityStatuses = ["queued", "running", "done", "failed"] as const;
export type SimilarityStatus = (typeof similarityStatuses)[number];

/** The parameters a report was computed with (lib/similarity/compare.ts CompareParams). */
export interface SimilarityParams {
  k: number;
  window: number;
  threshold: number;
  maxShare: number;
}

/** What a finished report compared (lib/similarity/run-report.ts). */
export interface SimilarityCounts {
  submissions: number;
  candidates: number;
  /** Pairs at or above the threshold; `pairs` of them (the most similar, at most 1,000) are stored. */
  above: number;
  pairs: number;
  ignoredStarter: number;
  ignoredCommon: number;
  starter: boolean;
}

/**
 * One similarity report of an assignment's final submissions (docs/similarity.md), computed by the `similarity`
 * queue: queued → running → done | failed (`error` says why, for the instructor).
 */
export const similarityReports = pgTable(
  "similarity_report",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The offering whose students' final submissions are compared (docs/offerings.md). */
    offering: text("offering").notNull().default("default"),
    assignment: text("assignment").notNull(),
    status: text("status").$type<SimilarityStatus>().notNull().default("queued"),
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    params: jsonb("params").$type<SimilarityParams>().notNull(),
    counts: jsonb("counts").$type<SimilarityCounts>(),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("similarity_report_assignment_idx").on(t.offering, t.assignment, t.createdAt)],
);

/** One pair of a report at or above its threshold, with the matched fragments (lib/similarity/fragments.ts). */
export const similarityPairs = pgTable(
  "similarity_pair",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => similarityReports.id, { onDelete: "cascade" }),
    leftSubmissionId: uuid("left_submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    rightSubmissionId: uuid("right_submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    leftUserId: text("left_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rightUserId: text("right_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    similarity: real("similarity").notNull(),
    /** The longest fragment, in k-grams. */
    longest: integer("longest").notNull(),
    /** All fragments together, in k-grams. */
    overlap: integer("overlap").notNull(),
    fragments: jsonb("fragments").notNull(),
  },
  (t) => [index("similarity_pair_report_idx").on(t.reportId, t.similarity)],
);
