import "server-only";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { dataFolderProblem, databaseTarget, describeTarget, storageFailure, type DbTarget } from "./config";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; query functions accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface DbHandle {
  db: Db;
  kind: DbTarget["kind"];
  description: string;
  /** Raw SQL with positional parameters, for pg-boss and maintenance. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

const MIGRATIONS_LOCK = 7_424_133_001;

/** The database could not be opened; the message says which folder or server, why, and what to do. */
export class DatabaseOpenError extends Error {
  override name = "DatabaseOpenError";
}

function pgliteOpenFailure(dir: string, err: unknown): string {
  const cause = err instanceof Error ? err.message : String(err);
  const storage = storageFailure(err);
  if (storage?.kind === "disk-full")
    return `The embedded database in ${dir} could not start: the disk is full (${cause}). Free some space and start again.`;
  if (storage?.kind === "read-only")
    return `The embedded database in ${dir} could not start: the folder is read-only (${cause}).`;
  return (
    `The embedded database in ${dir} could not be opened (${cause}). Its files may be damaged, for example by a ` +
    `crash during a write: restore the folder from a backup, or move it aside to start with an empty database.`
  );
}

function migrationsFolder(): string {
  return path.join(process.cwd(), "db", "migrations");
}

async function openPglite(dir: string): Promise<DbHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (dir !== "memory://") {
    const problem = dataFolderProblem(dir);
    if (problem) throw new DatabaseOpenError(problem);
  }
  const client = dir === "memory://" ? new PGlite() : new PGlite(dir);
  const db = drizzle(client, { schema }) as unknown as Db;
  try {
    await client.waitReady;
    await migrate(db as never, { migrationsFolder: migrationsFolder() });
  } catch (err) {
    await client.close().catch(() => undefined);
    throw new DatabaseOpenError(pgliteOpenFailure(dir, err), { cause: err });
  }
  return {
    db,
    kind: "pglite",
    description: describeTarget({ kind: "pglite", dir }),
    async executeSql(text, values) {
      // PGlite's exec runs several statements but takes no parameters; query takes parameters.
      if (!values || values.length === 0) {
        const results = await client.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
      }
      const result = await client.query<Record<string, unknown>>(text, values);
      return { rows: result.rows };
    },
    close: () => client.close(),
  };
}

async function openPostgres(url: string): Promise<DbHandle> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  pool.on("error", (err) => console.error(`[db] idle PostgreSQL client error: ${err.message}`));
  // A server that goes away while a client is checked out (between the queries of a transaction) makes that client
  // emit 'error'; without a listener that is an uncaught exception that kills the whole process. Its next query
  // fails instead, with an error the caller handles, and the pool replaces the client.
  pool.on("connect", (client) =>
    client.on("error", (err) => console.error(`[db] PostgreSQL connection lost: ${err.message}`)),
  );
  const db = drizzle(pool, { schema }) as unknown as Db;
  // Several servers and graders may start at once: one migrates, the others wait.
  const lock = await pool.connect();
  try {
    await lock.query("select pg_advisory_lock($1)", [MIGRATIONS_LOCK]);
    await migrate(db as never, { migrationsFolder: migrationsFolder() });
  } finally {
    await lock.query("select pg_advisory_unlock($1)", [MIGRATIONS_LOCK]).catch(() => undefined);
    lock.release();
  }
  return {
    db,
    kind: "postgres",
    description: describeTarget({ kind: "postgres", url }),
    async executeSql(text, values) {
      const result = await pool.query(text, values as unknown[] | undefined);
      return { rows: result.rows as Record<string, unknown>[] };
    },
    close: () => pool.end(),
  };
}

/** Opens a database and applies every pending migration. */
export async function openDb(target: DbTarget = databaseTarget()): Promise<DbHandle> {
  return target.kind === "pglite" ? openPglite(target.dir) : openPostgres(target.url);
}

// One handle per process: Next bundles the instrumentation hook and each route separately, and PGlite must
// never be opened twice on one folder, so the handle lives on globalThis rather than in module state.
const globalKey = Symbol.for("unlabeled.db");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<DbHandle> };

/** The process-wide database handle for the configured target, opened and migrated on first use. */
export function getDbHandle(): Promise<DbHandle> {
  const g = globalThis as GlobalWithDb;
  if (!g[globalKey]) {
    g[globalKey] = openDb().catch((err) => {
      delete g[globalKey];
      throw err;
    });
  }
  return g[globalKey];
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Closes the process-wide handle (CLI commands call this before exiting). */
export async function closeDb(): Promise<void> {
  const g = globalThis as GlobalWithDb;
  const handle = g[globalKey];
  delete g[globalKey];
  if (handle) await (await handle).close();
}
