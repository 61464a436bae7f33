import fs from "node:fs";
import { count, eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { gradingResults, submissions } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { createUser } from "@/lib/users/create-user";

export const solution = fs.readFileSync("content/assignments/hello-tensor/hidden/solution.ts", "utf8");
/** Compiles and runs, but subtracts: a graded, failing result. */
export const wrong = solution.replace("tf.add(a, b)", "tf.sub(a, b)");
/** Right, but busy for 150 ms every time the module loads (once per check): a longer window to be killed in. */
export const slow = solution.replace(
  'export const CANARY',
  "const until = Date.now() + 150;\nwhile (Date.now() < until) {}\nexport const CANARY",
);

/** An instructor (the first account) and `n` students, each with a fresh daily quota. */
export async function makeStudents(db: DbHandle["db"], n: number, tag: string): Promise<Actor[]> {
  await createUser(db, { email: `prof-${tag}@example.org`, password: "instructor-pass-1" });
  const out: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const u = await createUser(db, { email: `s${i}-${tag}@example.org`, password: "student-pass-12" });
    out.push({ id: u.id, email: u.email, name: u.name, role: u.role });
  }
  return out;
}

export interface Outcome {
  id: string;
  status: string;
  score: number | null;
  attempts: number;
  results: number;
  resultScores: number[];
}

/** Every submission with its status and how many grading_results rows it has (exactly-once means one). */
export async function outcomes(handle: DbHandle): Promise<Outcome[]> {
  const subs = await handle.db
    .select({ id: submissions.id, status: submissions.status, score: submissions.score, attempts: submissions.attempts })
    .from(submissions);
  const rows = await handle.db.select({ submissionId: gradingResults.submissionId, score: gradingResults.score }).from(gradingResults);
  return subs.map((s) => {
    const mine = rows.filter((r) => r.submissionId === s.id);
    return { ...s, results: mine.length, resultScores: mine.map((r) => r.score) };
  });
}

export async function pendingCount(handle: DbHandle): Promise<number> {
  const [row] = await handle.db
    .select({ n: count() })
    .from(submissions)
    .where(sql`${submissions.status} in ('queued', 'running')`);
  return row?.n ?? 0;
}

/** pg-boss jobs of the grading queue that are still waiting or held by a grader. */
export async function openJobs(handle: DbHandle): Promise<{ state: string; n: number }[]> {
  const { rows } = await handle.executeSql(
    "select state::text as state, count(*)::int as n from pgboss.job where name = 'grade-submission' and state in ('created', 'retry', 'active') group by state",
  );
  return rows as { state: string; n: number }[];
}

export async function runningAttempts(handle: DbHandle): Promise<{ id: string; attempts: number }[]> {
  return handle.db.select({ id: submissions.id, attempts: submissions.attempts }).from(submissions).where(eq(submissions.status, "running"));
}
