/**
 * Preview mode (`npm run course -- preview`): the site serves the author's course folder directly (no published
 * snapshot), reloads a page when a course file changes, and shows a broken file's problems (file:line and the
 * reason) in place of the page. Off unless UNLABELED_PREVIEW=1.
 */
import "server-only";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ContentError } from "./content-error";

export function isPreview(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.UNLABELED_PREVIEW === "1";
}

/**
 * Runs a page's content loading; in preview a ContentError becomes `{ problems }` for the page to show instead,
 * elsewhere it is thrown (a validated live course has none).
 */
export async function loadForPage<T>(load: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; problems: string[] }> {
  try {
    return { ok: true, value: await load() };
  } catch (err) {
    if (isPreview() && err instanceof ContentError) return { ok: false, problems: err.problems };
    throw err;
  }
}

/** The newest modification time under `dir` and the file that has it (for the reload events). */
export function newestChange(dir: string): { mtimeMs: number; file: string } {
  let best = { mtimeMs: 0, file: "" };
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name === ".git" || e.name === "node_modules") continue;
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else {
        try {
          const m = statSync(full).mtimeMs;
          if (m > best.mtimeMs) best = { mtimeMs: m, file: full };
        } catch {
          // removed while walking
        }
      }
    }
  };
  walk(dir);
  return best;
}
