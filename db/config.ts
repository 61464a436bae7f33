import fs from "node:fs";
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
    return {
      kind: "pglite",
      dir: env.PGLITE_DIR === "memory://" ? "memory://" : path.resolve(/*turbopackIgnore: true*/ env.PGLITE_DIR),
    };
  }
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "pglite", dir: path.join(dataDir(env), "pglite") };
}

export function describeTarget(target: DbTarget): string {
  if (target.kind === "pglite") return `PGlite (${target.dir})`;
  const url = new URL(target.url);
  return `PostgreSQL (${url.hostname}:${url.port || 5432}${url.pathname})`;
}

export type StorageFailureKind = "unreachable" | "disk-full" | "read-only" | "damaged";

export interface StorageFailure {
  kind: StorageFailureKind;
  /** Safe to show a user: says what happened and what to do, without internals. */
  message: string;
  /** For the log: the cause as the driver reported it. */
  detail: string;
}

const USER_MESSAGES: Record<StorageFailureKind, string> = {
  unreachable:
    "The database is not reachable right now, so this request was not completed. Please try again in a minute.",
  "disk-full":
    "The server's disk is full, so the database refused to save this request; nothing was changed. Please tell the course staff.",
  "read-only":
    "The server's data folder is read-only, so this request could not be saved; nothing was changed. Please tell the course staff.",
  damaged: "The server's database could not be read, so this request was not completed. Please tell the course staff.",
};

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/**
 * Recognises the infrastructure failures of either database (PostgreSQL gone or restarting, a full disk, a
 * read-only folder, a PGlite instance that died) anywhere in an error's `cause` chain (drizzle wraps driver errors).
 * Anything else is null: a programming error, answered as a plain 500.
 */
export function storageFailure(err: unknown): StorageFailure | null {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e !== "object") break;
    const { code, message = "" } = e as { code?: unknown; message?: string };
    const c = typeof code === "string" ? code : "";
    const m = String(message);
    const detail = `${c ? `${c}: ` : ""}${m}`.slice(0, 300);
    if (c === "53100" || c === "ENOSPC" || /no space left on device|could not extend file|disk full/i.test(m))
      return { kind: "disk-full", message: USER_MESSAGES["disk-full"], detail };
    if (c === "EROFS" || c === "25006" || /read-only file system/i.test(m))
      return { kind: "read-only", message: USER_MESSAGES["read-only"], detail };
    if (
      CONNECTION_CODES.has(c) ||
      c.startsWith("08") ||
      /connection terminated|terminating connection|connection error and is not queryable|database system is (starting up|shutting down|in recovery)|Connection refused/i.test(
        m,
      )
    ) {
      return { kind: "unreachable", message: USER_MESSAGES.unreachable, detail };
    }
    if (/PGlite is closed|RuntimeError: Aborted|^Aborted\(|memory access out of bounds/i.test(m) || m === "unreachable")
      return { kind: "damaged", message: USER_MESSAGES.damaged, detail };
  }
  return null;
}

/**
 * Why the embedded database cannot keep its files in `dir` (read-only, no permission, disk full, not a folder), as
 * one sentence naming the folder and what to do; null when a probe file can be created, written and removed there.
 */
export function dataFolderProblem(dir: string, label = "embedded database folder"): string | null {
  const probe = path.join(dir, `.write-probe-${process.pid}`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const fd = fs.openSync(probe, "w");
    try {
      fs.writeSync(fd, Buffer.alloc(64 * 1024));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
      fs.rmSync(probe, { force: true });
    }
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    const cause: Record<string, string> = {
      EROFS: "is on a read-only file system",
      EACCES: "is not writable by this user",
      EPERM: "is not writable by this user",
      ENOSPC: "is on a full disk (no space left on device)",
      EDQUOT: "is over its disk quota",
      ENOTDIR: "is not a folder (a file is in the way)",
      EEXIST: "is not a folder (a file is in the way)",
    };
    const what = cause[code] ?? `cannot be written (${(err as Error).message})`;
    const fix =
      code === "ENOSPC" || code === "EDQUOT"
        ? "Free some space there"
        : code === "ENOTDIR" || code === "EEXIST"
          ? "Move that file away"
          : "Make it writable";
    return `The ${label} ${dir} ${what}. ${fix}, or point PGLITE_DIR (or UNLABELED_DATA_DIR) at another folder.`;
  }
}
