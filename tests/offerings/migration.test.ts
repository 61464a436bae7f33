import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";
import { exportGrades } from "@/lib/grades/export-grades";
import { getLeaderboard } from "@/lib/leaderboards/get-leaderboard";
import { contentDir } from "../instructor/helpers";

/** The migrations folder as it was before offerings (0000 … 0011), to build an installation of yesterday. */
function foldersBefore(tag: string): string {
  const from = path.resolve("db/migrations");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-migrations-"));
  fs.mkdirSync(path.join(dir, "meta"));
  const journal = JSON.parse(fs.readFileSync(path.join(from, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  const keep = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === tag));
  for (const e of keep) fs.copyFileSync(path.join(from, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  fs.writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify({ ...journal, entries: keep }));
  return dir;
}

describe("migration 0013_offerings on an installation with data", () => {
  const client = new PGlite();
  const db = drizzle(client, { schema }) as unknown as Db;
  const old = foldersBefore("0013_offerings");
  afterAll(async () => {
    await client.close();
    fs.rmSync(old, { recursive: true, force: true });
  });

  it("keeps every older row in the default offering, which it creates", async () => {
    await migrate(db as never, { migrationsFolder: old });
    const q = (text: string) => client.exec(text);
    await q(`insert into "user" (id, email, role) values ('u1', 'ann@example.org', 'student'), ('p1', 'prof@example.org', 'instructor')`);
    await q(`insert into submission (id, user_id, assignment, source, seed, status, score, max_score, passed, created_at)
             values ('00000000-0000-4000-8000-000000000001', 'u1', 'lb-accuracy', 'x', 1, 'graded', 8, 10, true, '2026-02-01T00:00:00Z')`);
    await q(`insert into grading_result (submission_id, grader_version, score, max_score, passed, result)
             values ('00000000-0000-4000-8000-000000000001', 'v1', 8, 10, true,
                     '{"leaderboard":[{"name":"accuracy","value":0.9,"order":"desc"},{"name":"accuracy:private","value":0.8,"order":"desc"}]}')`);
    await q(`insert into assignment_settings (assignment, overrides) values ('lb-accuracy', '{"quota_daily": 3}')`);
    await q(`insert into leaderboard_alias (assignment, user_id, alias) values ('lb-accuracy', 'u1', 'Quiet Otter')`);
    await q(`insert into deadline_extension (user_id, assignment, until, reason) values ('u1', 'lb-accuracy', '2026-03-05T00:00:00Z', 'ill')`);
    await q(`insert into enrolment (offering, user_id, role, source) values ('default', 'u1', 'student', 'roster')`);

    await migrate(db as never, { migrationsFolder: path.resolve("db/migrations") });
    const one = async (text: string) => (await client.query<Record<string, unknown>>(text)).rows;
    expect(await one(`select slug, course, join_enabled from offering`)).toEqual([
      { slug: "default", course: "default", join_enabled: false },
    ]);
    for (const table of ["submission", "assignment_settings", "leaderboard_alias", "deadline_extension", "enrolment"])
      expect(await one(`select distinct offering from ${table}`), table).toEqual([{ offering: "default" }]);

    // Today's code reads them as the default offering's, as before.
    const prof = { id: "p1", email: "prof@example.org", name: null, role: "instructor" as const };
    const csv = (await exportGrades({ ctx: { db, actor: prof, contentDir }, input: { assignment: "lb-accuracy" } })).body;
    expect(csv).toContain("ann@example.org,,lb-accuracy,8,10,0,8");
    const lb = await getLeaderboard({ ctx: { db, actor: prof, contentDir }, input: { assignment: "lb-accuracy" } });
    expect(lb.rows.map((r) => [r.alias, r.public])).toEqual([["Quiet Otter", 0.9]]);
    // The new keys hold: the same alias row again in another offering is allowed, twice in default is not.
    await client.exec(`insert into offering (slug, title) values ('ssl-b', 'B')`);
    await client.exec(`insert into leaderboard_alias (offering, assignment, user_id, alias) values ('ssl-b', 'lb-accuracy', 'u1', 'Quiet Otter')`);
    await expect(
      client.exec(`insert into leaderboard_alias (assignment, user_id, alias) values ('lb-accuracy', 'u1', 'Other')`),
    ).rejects.toThrow(/duplicate key/);
  });
});
