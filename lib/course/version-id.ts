/**
 * The version of a course package: its git commit when the folder is a git work tree (with a hash of the files
 * when they differ from the commit: `git:<commit>+<hash>`), else a hash of its files (`sha256:<hash>`). Plain
 * Node, shared by `course sync`, `npm start`, the grader and the console.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const SKIP = new Set([".git", "node_modules", ".DS_Store"]);

/** Every file of a course package, relative and sorted (no .git, no node_modules). */
export function courseFilesOf(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !SKIP.has(e.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return courseFilesOf(full, base);
      return e.isFile() ? [path.relative(base, full)] : [];
    });
}

/** 16 hex digits over every file's path and content. */
export function contentHash(dir: string): string {
  const hash = createHash("sha256");
  for (const rel of courseFilesOf(dir))
    hash
      .update(rel)
      .update("\0")
      .update(readFileSync(path.join(dir, rel)))
      .update("\0");
  return hash.digest("hex").slice(0, 16);
}

function git(dir: string, args: string[]): string | null {
  try {
    return execFileSync("git", ["-C", dir, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 10_000,
    }).trim();
  } catch {
    return null;
  }
}

export interface CourseVersion {
  /** `git:<12 hex>`, `git:<12 hex>+<16 hex>` (uncommitted changes) or `sha256:<16 hex>`. */
  id: string;
  commit: string | null;
  /** The files differ from the commit. */
  dirty: boolean;
}

/**
 * The version of the package in `dir`. `filesDir` (a copy of it taken for publishing) supplies the content hash,
 * so the version names exactly the files that were validated.
 */
export function courseVersion(dir: string, filesDir: string = dir): CourseVersion {
  const top = git(dir, ["rev-parse", "--show-toplevel"]);
  const commit =
    top && existsSync(/* turbopackIgnore: true */ top) && statSync(/* turbopackIgnore: true */ top).isDirectory()
      ? git(dir, ["rev-parse", "HEAD"])
      : null;
  if (commit) {
    const status = git(dir, ["status", "--porcelain", "--", "."]);
    const dirty = status === null || status.length > 0;
    return {
      id: dirty ? `git:${commit.slice(0, 12)}+${contentHash(filesDir)}` : `git:${commit.slice(0, 12)}`,
      commit,
      dirty,
    };
  }
  return { id: `sha256:${contentHash(filesDir)}`, commit: null, dirty: false };
}

/** A version id as a folder name. */
export function versionFolder(id: string): string {
  return id.replace(/[^a-z0-9+]/gi, "-");
}
