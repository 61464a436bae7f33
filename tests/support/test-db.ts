import crypto from "node:crypto";
import pg from "pg";
import { openDb, type DbHandle } from "@/db/client";

export type TestDbKind = "pglite" | "postgres";

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL names a server where the tests may create databases. */
export const testDbKinds: TestDbKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export interface TestDb {
  kind: TestDbKind;
  handle: DbHandle;
  /** A URL for the fresh database (postgres only), for code that opens its own connections. */
  url?: string;
  cleanup(): Promise<void>;
}

/** A fresh, migrated, empty database: in memory for PGlite, a new database on the server for PostgreSQL. */
export async function createTestDb(kind: TestDbKind): Promise<TestDb> {
  if (kind === "pglite") {
    const handle = await openDb({ kind: "pglite", dir: "memory://" });
    return { kind, handle, cleanup: () => handle.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `unlabeled_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDb({ kind: "postgres", url: url.toString() });
  return {
    kind,
    handle,
    url: url.toString(),
    async cleanup() {
      await handle.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
