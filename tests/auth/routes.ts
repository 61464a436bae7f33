import fs from "node:fs";
import path from "node:path";

/**
 * The app's routes and pages, read from the file system (app/**\/route.ts, app/**\/page.tsx), never listed by hand:
 * the authorization suites (tests/auth/route-authorization.test.ts, tests/e2e/auth-security.spec.ts,
 * tests/e2e/leaks.spec.ts) iterate over these, so a new route or page is covered, or fails them, the day it lands.
 */

export interface RouteFile {
  file: string;
  /** The URL pattern, e.g. /api/submissions/[id]/source. */
  pattern: string;
  methods: string[];
  params: string[];
}

export interface PageFile {
  file: string;
  /** The URL pattern, e.g. /assignments/[slug]/history. */
  pattern: string;
  params: string[];
}

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The URL of a file's folder: route groups `(name)` vanish, dynamic segments stay `[x]` / `[...x]`. */
function urlPattern(root: string, file: string): string {
  const segments = path
    .relative(root, path.dirname(file))
    .split(path.sep)
    .filter((s) => s !== "" && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

const paramsOf = (pattern: string) => [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);

/** Every route handler under app/, with the HTTP methods it exports and its dynamic segments. */
export function listRoutes(root = "app"): RouteFile[] {
  return walk(root)
    .filter((f) => /(^|\/)route\.ts$/.test(f))
    .map((file) => {
      const text = fs.readFileSync(file, "utf8");
      const methods = new Set<string>();
      for (const m of text.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)) {
        methods.add(m[1]!);
      }
      for (const m of text.matchAll(/export\s+const\s*\{([^}]*)\}/g)) {
        for (const name of m[1]!.split(",")) if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(name.trim())) methods.add(name.trim());
      }
      const pattern = urlPattern(root, file);
      return { file, pattern, methods: [...methods].sort(), params: paramsOf(pattern) };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** Every page under app/ (page.tsx, page.ts, page.mdx) with its dynamic segments. */
export function listPages(root = "app"): PageFile[] {
  return walk(root)
    .filter((f) => /(^|\/)page\.(tsx|ts|mdx)$/.test(f))
    .map((file) => {
      const pattern = urlPattern(root, file);
      return { file, pattern, params: paramsOf(pattern) };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** Pages with a dynamic segment. */
export function listParamPages(root = "app"): string[] {
  return listPages(root)
    .filter((p) => p.params.length > 0)
    .map((p) => p.pattern);
}

export const MUTATING = ["POST", "PUT", "PATCH", "DELETE"];

/**
 * The URLs a GET can reach without an id or slug: every page and GET route without a dynamic segment, less Auth.js's
 * endpoints and server-sent event streams (they never end by themselves). The leak suites fetch each of them.
 */
export function listStaticUrls(root = "app"): string[] {
  const routes = listRoutes(root).filter(
    (r) =>
      r.params.length === 0 &&
      r.methods.includes("GET") &&
      !r.pattern.startsWith("/api/auth/") &&
      !fs.readFileSync(r.file, "utf8").includes("text/event-stream"),
  );
  const pages = listPages(root).filter((p) => p.params.length === 0);
  return [...new Set([...pages.map((p) => p.pattern), ...routes.map((r) => r.pattern)])].sort();
}
