import path from "node:path";

/** Environment variables as plain strings (NodeJS.ProcessEnv is widened by Next with a required NODE_ENV). */
export type Env = Record<string, string | undefined>;

/** Where the embedded default keeps its files: `.data/` at the repository root unless UNLABELED_DATA_DIR says otherwise. */
export function dataDir(env: Env = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), env.UNLABELED_DATA_DIR || ".data");
}

export type DbTarget = { kind: "pglite"; dir: string } | { kind: "postgres"; url: string };

/**
 * PGLITE_DIR (a folder or `memory://`) wins over DATABASE_URL so a test or a second checkout can never touch
 * a shared server by accident; then DATABASE_URL; then the embedded default in `.data/pglite`.
 */
export function databaseTarget(env: Env = process.env): DbTarget {
  if (env.PGLITE_DIR) {
    return { kind: "pglite", dir: env.PGLITE_DIR === "memory://" ? "memory://" : path.resolve(/*turbopackIgnore: true*/ env.PGLITE_DIR) };
  }
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "pglite", dir: path.join(dataDir(env), "pglite") };
}

export function describeTarget(target: DbTarget): string {
  if (target.kind === "pglite") return `PGlite (${target.dir})`;
  const url = new URL(target.url);
  return `PostgreSQL (${url.hostname}:${url.port || 5432}${url.pathname})`;
}
