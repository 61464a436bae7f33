/**
 * What a student may see of a result. The grader stores everything (instructor view); the platform hides what
 * each test's visibility hides: hidden tests show only pass/fail under a neutral name, after-due-date tests
 * appear once the deadline has passed, and private leaderboard values never leave the server.
 *
 * Visibility is today's: `visibility` (the term's visibility overrides by check id, lib/content/effective-settings.ts)
 * wins over the visibility stored in the result, so an instructor's change hides or reveals already stored results
 * too. Tests without a check id, or with an id the map lacks, keep their stored visibility.
 */
import { z } from "zod";

const testSchema = z.looseObject({
  name: z.string(),
  check: z.string().optional(),
  score: z.number().nullable().optional(),
  max_score: z.number().nullable().optional(),
  status: z.enum(["passed", "failed"]).optional(),
  output: z.string().optional(),
  visibility: z.enum(["visible", "hidden", "after_due_date", "after_published"]).optional(),
});

const resultSchema = z.looseObject({
  score: z.number(),
  max_score: z.number(),
  passed: z.boolean().optional(),
  execution_time: z.number().optional(),
  backend: z.string().nullable().optional(),
  error: z.object({ kind: z.string(), message: z.string() }).nullable().optional(),
  tests: z.array(testSchema).default([]),
  leaderboard: z
    .array(z.looseObject({ name: z.string(), value: z.unknown(), order: z.string().optional() }))
    .optional(),
});

export interface StudentTest {
  name: string;
  score: number | null;
  max_score: number | null;
  status?: "passed" | "failed";
  output?: string;
  visibility: "visible" | "hidden" | "after_due_date";
  error?: unknown;
  artifacts?: unknown;
}

export interface StudentResult {
  score: number;
  max_score: number;
  passed?: boolean;
  execution_time?: number;
  backend?: string | null;
  error: { kind: string; message: string } | null;
  tests: StudentTest[];
  /** Points whose tests appear after the due date. */
  pending_points: number;
  leaderboard: { name: string; value: unknown; order?: string }[];
}

type Shown = "visible" | "hidden" | "after_due_date";
type RawTest = z.infer<typeof testSchema>;

const storedVisibility = (t: RawTest): Shown =>
  t.visibility === "after_published" ? "after_due_date" : (t.visibility ?? "visible");

/**
 * The top-level error as graders/engine/result.ts firstError() words it, for today's visibility of the check it came
 * from: a check hidden since grading loses its details, one revealed since gets them. An error that did not come
 * from a test (e.g. a compile error) is kept as stored.
 */
function shownError(
  error: { kind: string; message: string } | null | undefined,
  tests: RawTest[],
  visibilityOf: (t: RawTest) => Shown,
) {
  if (!error) return null;
  const failed = tests.find((t) => (t as Record<string, unknown>).error);
  const own = (failed as Record<string, unknown> | undefined)?.error as
    | { kind?: unknown; message?: unknown }
    | undefined;
  if (!failed || !own || typeof own.message !== "string" || typeof own.kind !== "string") return error;
  const stored = storedVisibility(failed);
  const neutral = (v: Shown) =>
    `${v === "hidden" ? "a hidden check" : "a check shown after the due date"} failed (${own.kind}); its details are not shown`;
  const fromTest =
    error.message === `${failed.name}: ${own.message}` || (stored !== "visible" && error.message === neutral(stored));
  if (!fromTest) return error;
  const now = visibilityOf(failed);
  return now === "visible"
    ? { kind: own.kind, message: `${failed.name}: ${own.message}` }
    : { kind: own.kind, message: neutral(now) };
}

export function studentView(
  raw: unknown,
  opts: { dueDate: Date; now?: Date; visibility?: Record<string, Shown> },
): StudentResult {
  const result = resultSchema.parse(raw);
  const duePassed = (opts.now ?? new Date()) >= opts.dueDate;
  const visibilityOf = (t: RawTest): Shown =>
    t.check !== undefined && opts.visibility && Object.hasOwn(opts.visibility, t.check)
      ? opts.visibility[t.check]!
      : storedVisibility(t);
  const tests: StudentTest[] = [];
  let pending = 0;
  let hiddenIndex = 0;
  for (const t of result.tests) {
    const visibility = visibilityOf(t);
    if (visibility === "after_due_date" && !duePassed) {
      pending += t.max_score ?? 0;
      continue;
    }
    if (visibility === "hidden") {
      hiddenIndex++;
      tests.push({
        name: `Hidden check ${hiddenIndex}`,
        score: t.score ?? null,
        max_score: t.max_score ?? null,
        status: t.status,
        visibility,
      });
      continue;
    }
    tests.push({
      name: t.name,
      score: t.score ?? null,
      max_score: t.max_score ?? null,
      status: t.status,
      output: t.output,
      visibility,
      error: (t as Record<string, unknown>).error ?? null,
      artifacts: (t as Record<string, unknown>).artifacts ?? [],
    });
  }
  const shownScore = pending > 0 ? tests.reduce((s, t) => s + (t.score ?? 0), 0) : result.score;
  return {
    score: shownScore,
    max_score: result.max_score - pending,
    passed: pending > 0 ? undefined : result.passed,
    execution_time: result.execution_time,
    backend: result.backend,
    error: shownError(result.error, result.tests, visibilityOf),
    tests,
    pending_points: pending,
    leaderboard: (result.leaderboard ?? []).filter((e) => !/private/i.test(e.name)),
  };
}
