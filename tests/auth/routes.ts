import fs from "node:fs";
import path from "node:path";

export interface RouteFile {
  file: string;
  /** The URL pattern, e.g. /api/submissions/[id]/source. */
  pattern: string;
  methods: string[];
  params: string[];
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Every route handler under app/, with the HTTP methods it exports and its dynamic segments. */
export function listRoutes(root = "app"): RouteFile[] {
  return walk(root)
    .filter((f) => /(^|\/)route\.ts$/.test(f))
    .map((file) => {
      const text = fs.readFileSync(file, "utf8");
      const methods = new Set<string>();
      for (const m of text.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)) methods.add(m[1]!);
      for (const m of text.matchAll(/export\s+const\s*\{([^}]*)\}/g)) for (const name of m[1]!.split(",")) if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(name.trim())) methods.add(name.trim());
      const pattern = "/" + path.relative(root, path.dirname(file)).split(path.sep).join("/");
      const params = [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!);
      return { file, pattern, methods: [...methods].sort(), params };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** Pages with a dynamic segment. */
export function listParamPages(root = "app"): string[] {
  return walk(root)
    .filter((f) => /(^|\/)page\.(tsx|ts|mdx)$/.test(f) && f.includes("["))
    .map((f) => "/" + path.relative(root, path.dirname(f)).split(path.sep).join("/"))
    .sort();
}

export const MUTATING = ["POST", "PUT", "PATCH", "DELETE"];
