/**
 * The load run's own PostgreSQL database: created fresh from an admin URL, seeded with an instructor and the
 * students, read back at the end (status and grading_results of every submission), then dropped.
 */
import crypto from "node:crypto";
import pg from "pg";
import { openDb, type DbHandle } from "../../db/client";
import { createUser } from "../../lib/users/create-user";

export const STUDENT_PASSWORD = "kettle-orbit-93-lamp";

export interface LoadDatabase {
  name: string;
  url: string;
  handle: DbHandle;
  drop(): Promise<void>;
}

/** Creates `unlabeled_load_<random>` on the server of `adminUrl` and applies the migrations. */
export async function createLoadDatabase(adminUrl: string): Promise<LoadDatabase> {
  let parsed: URL;
  try {
    parsed = new URL(adminUrl);
  } catch {
    throw new Error(`not a PostgreSQL URL: '${adminUrl}'`);
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error(`not a PostgreSQL URL: '${adminUrl}'`);
  const name = `unlabeled_load_${crypto.randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  const handle = await openDb({ kind: "postgres", url });
  let dropped = false;
  return {
    name,
    url,
    handle,
    async drop() {
      if (dropped) return;
      dropped = true;
      await handle.close().catch(() => undefined);
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** The instructor (first account) and `n` students; returns the students' emails. */
export async function seedStudents(handle: DbHandle, n: number): Promise<string[]> {
  await createUser(handle.db, { email: "teacher@load.example.org", password: "granite-violet-48-sail" });
  const emails: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = await createUser(handle.db, { email: `pupil-${i}@load.example.org`, password: STUDENT_PASSWORD });
    if (u.role !== "student") throw new Error(`pupil-${i} was created as ${u.role}`);
    emails.push(u.email);
  }
  return emails;
}

export interface StoredSubmission {
  id: string;
  status: string;
  score: number | null;
  maxScore: number | null;
  attempts: number;
  createdAt: Date;
  gradedAt: Date | null;
  /** Status superseded: the newer submission that replaced it. */
  supersededBy: string | null;
  /** grading_results rows for it (exactly once means 1). */
  results: number;
}

export async function storedSubmissions(handle: DbHandle): Promise<StoredSubmission[]> {
  const { rows } = await handle.executeSql(
    `select s.id, s.status::text as status, s.score, s.max_score, s.attempts, s.created_at, s.graded_at, s.superseded_by,
            (select count(*)::int from grading_result r where r.submission_id = s.id) as results
       from submission s`,
  );
  return (
    rows as {
      id: string;
      status: string;
      score: number | null;
      max_score: number | null;
      attempts: number;
      created_at: string | Date;
      graded_at: string | Date | null;
      superseded_by: string | null;
      results: number;
    }[]
  ).map((r) => ({
    id: r.id,
    status: r.status,
    score: r.score === null ? null : Number(r.score),
    maxScore: r.max_score === null ? null : Number(r.max_score),
    attempts: Number(r.attempts),
    createdAt: new Date(r.created_at),
    gradedAt: r.graded_at === null ? null : new Date(r.graded_at),
    supersededBy: r.superseded_by,
    results: Number(r.results),
  }));
}

/** Submissions still waiting for or in grading. */
export async function openCount(handle: DbHandle): Promise<number> {
  const { rows } = await handle.executeSql(
    "select count(*)::int as n from submission where status in ('queued', 'running')",
  );
  return Number((rows[0] as { n: number }).n);
}
