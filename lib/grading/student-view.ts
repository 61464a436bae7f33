/**
 * What a student may see of a result. The grader stores everything (instructor view); the platform hides what
 * each test's visibility hides: hidden tests show only pass/fail under a neutral name, after-due-date tests
 * appear once the deadline has passed, and private leaderboard values never leave the server.
 */
import { z } from "zod";

const testSchema = z.looseObject({
  name: z.string(),
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
  leaderboard: z.array(z.looseObject({ name: z.string(), value: z.unknown(), order: z.string().optional() })).optional(),
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

export function studentView(raw: unknown, opts: { dueDate: Date; now?: Date }): StudentResult {
  const result = resultSchema.parse(raw);
  const duePassed = (opts.now ?? new Date()) >= opts.dueDate;
  const tests: StudentTest[] = [];
  let pending = 0;
  let hiddenIndex = 0;
  for (const t of result.tests) {
    const visibility = t.visibility === "after_published" ? "after_due_date" : (t.visibility ?? "visible");
    if (visibility === "after_due_date" && !duePassed) {
      pending += t.max_score ?? 0;
      continue;
    }
    if (visibility === "hidden") {
      hiddenIndex++;
      tests.push({ name: `Hidden check ${hiddenIndex}`, score: t.score ?? null, max_score: t.max_score ?? null, status: t.status, visibility });
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
    error: result.error ?? null,
    tests,
    pending_points: pending,
    leaderboard: (result.leaderboard ?? []).filter((e) => !/private/i.test(e.name)),
  };
}
