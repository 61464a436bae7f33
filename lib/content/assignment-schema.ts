/**
 * The format of content/assignments/<slug>/assignment.yaml. Plain data shared by the site, the grader and
 * `course check`; it holds nothing hidden.
 */
import { z } from "zod";

export const visibilitySchema = z.enum(["visible", "hidden", "after_due_date"]);
export type Visibility = z.infer<typeof visibilitySchema>;

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case: lower-case letters, digits and single hyphens");

export const rubricItemSchema = z.strictObject({
  /** The id of a check exported by graders/<slug>/. */
  check: slugSchema,
  /** Overrides the check's own title on result pages. */
  title: z.string().min(1).max(200).optional(),
  points: z.number().nonnegative().max(1000),
  visibility: visibilitySchema.default("visible"),
});

export const latePolicySchema = z.strictObject({
  /** Fraction of the score lost per started day late, e.g. 0.1. */
  penalty_per_day: z.number().min(0).max(1),
  /** Cap on the total fraction lost, e.g. 0.5. */
  max_penalty: z.number().min(0).max(1),
  /** Submissions within this many minutes after the deadline count as on time. */
  grace_minutes: z.number().int().min(0).max(24 * 60).default(0),
});

export const quotaSchema = z.strictObject({
  /** Graded submissions per student per UTC day; failed runs do not count. */
  daily: z.number().int().min(1).max(1000),
  /** Seconds a student waits between two submissions. */
  cooldown_seconds: z.number().int().min(0).max(24 * 3600).default(0),
});

export const leaderboardSchema = z.strictObject({
  /** The name of a leaderboard entry the grader reports. */
  metric: z.string().min(1).max(100),
  order: z.enum(["asc", "desc"]),
  /** Fraction of the hidden test set scored on the public board; the rest is the private board. */
  public_fraction: z.number().gt(0).lt(1).default(0.3),
  /** Scores are rounded to this many decimals to hide probing noise. */
  decimals: z.number().int().min(0).max(6).default(3),
});

export const assignmentSchema = z
  .strictObject({
    title: z.string().min(1).max(200),
    /**
     * Optional and redundant: course.yaml's `assignments:` map links each assignment to its lesson. When given it
     * must agree with course.yaml (older packages repeat it here).
     */
    lesson: slugSchema.optional(),
    summary: z.string().min(1).max(1000),
    points: z.number().positive().max(10000),
    /** Fraction of `points` needed to pass, in (0, 1]. */
    pass_threshold: z.number().gt(0).max(1),
    due: z.coerce.date(),
    late_policy: latePolicySchema.nullable().default(null),
    quota: quotaSchema,
    /**
     * How expensive grading is, for the grading queue's fair scheduling (lib/grading/cost.ts): `training` (an
     * experiment trains models; one such job per student at a time, after every cheap job) or `light`. Absent:
     * derived from the checks' wall-clock limits (training when any check may run 20 s or more).
     */
    cost: z.enum(["training", "light"]).optional(),
    rubric: z.array(rubricItemSchema).min(1),
    leaderboard: leaderboardSchema.optional(),
  })
  .superRefine((a, ctx) => {
    const total = a.rubric.reduce((sum, item) => sum + item.points, 0);
    if (Math.abs(total - a.points) > 1e-9) {
      ctx.addIssue({
        code: "custom",
        path: ["points"],
        message: `points is ${a.points} but the rubric items add up to ${total}`,
      });
    }
    const seen = new Set<string>();
    a.rubric.forEach((item, i) => {
      if (seen.has(item.check)) {
        ctx.addIssue({ code: "custom", path: ["rubric", i, "check"], message: `check '${item.check}' is listed twice` });
      }
      seen.add(item.check);
    });
  });

/** assignment.yaml as written. */
export type AssignmentFile = z.infer<typeof assignmentSchema>;
/** assignment.yaml with its lesson resolved from course.yaml. */
export type AssignmentConfig = Omit<AssignmentFile, "lesson"> & { lesson: string };

/** Formats zod issues as `file: field.path: message` lines. */
export function formatIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.join(".") : "(top level)";
    return `${file}: ${path}: ${issue.message}`;
  });
}
