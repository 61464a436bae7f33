import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The import boundaries of docs/architecture.md are enforced by biome.json (noRestrictedImports overrides) and the
 * GritQL plugins in lint/. This suite writes tiny files into a temporary tree that mirrors the repository layout,
 * lints it with the repository's own biome.json and plugins, and asserts which files each rule flags and which it
 * lets through. A rule that stops firing (a typo in a glob, an override that shadows another) fails here.
 */

const root = process.cwd();
const biome = path.join(root, "node_modules", ".bin", "biome");

const DB = "must not value-import db/";
const GRADERS = "must not value-import graders/";
const LIB = "must not value-import lib/";
const SERVER = "must not import server-only or Node.js built-ins";
const CLIENT_HIDDEN = "must not import hidden grader material";
const HIDDEN = "Hidden grader material";
const ROUTE_DB = "Routes are thin adapters";
const DB_ONLY = "db/ holds the schema";
const LIB_UP = "lib/ holds service verbs";

interface Case {
  file: string;
  code: string;
  /** Message fragments, one per expected diagnostic; [] means the file must lint clean of boundary rules. */
  expect: string[];
}

const use = (names: string) => `\nexport const used = [${names}];\n`;

const cases: Case[] = [
  // "use client" modules anywhere (lint/client-imports.grit).
  { file: "app/zz/client-db.tsx", code: `"use client";\nimport { getDb } from "@/db/client";${use("getDb")}`, expect: [DB] },
  { file: "app/zz/client-db-relative.tsx", code: `'use client';\nimport { users } from "../../db/schema";${use("users")}`, expect: [DB, ROUTE_DB] },
  { file: "app/zz/client-db-dynamic.tsx", code: `"use client";\nexport const load = () => import("@/db/client");\n`, expect: [DB] },
  { file: "app/zz/client-db-reexport.tsx", code: `"use client";\nexport { getDb } from "@/db/client";\n`, expect: [DB] },
  {
    file: "app/zz/client-commented.tsx",
    code: `/** A widget. */\n// with a comment first\n"use client";\nimport { findUserById } from "@/db/queries/users";${use("findUserById")}`,
    expect: [DB, ROUTE_DB],
  },
  { file: "app/zz/client-lib.tsx", code: `"use client";\nimport { submit } from "@/lib/submissions/submit";${use("submit")}`, expect: [LIB] },
  { file: "app/zz/client-server-only.tsx", code: `"use client";\nimport "server-only";\n`, expect: [SERVER] },
  { file: "app/zz/client-node.tsx", code: `"use client";\nimport fs from "node:fs";${use("fs")}`, expect: [SERVER] },
  { file: "app/zz/client-engine.tsx", code: `"use client";\nimport { grade } from "@/graders/engine/grade";${use("grade")}`, expect: [GRADERS] },
  {
    file: "app/zz/client-hidden.tsx",
    code: `"use client";\nimport { checks } from "@/content/assignments/clip/hidden/checks";${use("checks")}`,
    expect: [CLIENT_HIDDEN, HIDDEN],
  },
  {
    file: "components/zz/client-allowed.tsx",
    code:
      `"use client";\nimport type { AuditRow } from "@/db/queries/instructor-audit";\nimport type { Actor } from "@/lib/context";\n` +
      `import { AppError } from "@/lib/errors";\nimport { signOutAction } from "@/app/actions/sign-out";\nexport type { UserRow } from "@/db/queries/users";\n` +
      `export type Row = AuditRow | Actor;${use("AppError, signOutAction")}`,
    expect: [],
  },
  // Every file under components/, client or not (lint/component-imports.grit through an override).
  { file: "components/zz/server-part.tsx", code: `import { getDb } from "@/db/client";${use("getDb")}`, expect: [DB] },
  { file: "components/zz/verb.ts", code: `import { getOverview } from "@/lib/instructor/get-overview";${use("getOverview")}`, expect: [LIB] },
  { file: "components/zz/runner.ts", code: `import { main } from "@/graders/runner/main";${use("main")}`, expect: [GRADERS] },
  { file: "components/zz/relative.ts", code: `import { x } from "../../lib/grading/worker";${use("x")}`, expect: [LIB] },
  { file: "components/zz/hidden.ts", code: `import { x } from "@/graders/clip-contrastive/checks";${use("x")}`, expect: [GRADERS, HIDDEN] },
  {
    file: "components/zz/allowed.ts",
    code:
      `import type { UserRow } from "@/db/queries/users";\nimport type { StudentResult } from "@/lib/grading/student-view";\n` +
      `import { createTestApi } from "@/graders/runner/test-api";\nimport { registerCpuFixes } from "@/graders/tf/kernels/register";\n` +
      `import { histogram } from "@/lib/instructor/score-stats";\nexport type T = UserRow | StudentResult;${use("createTestApi, registerCpuFixes, histogram")}`,
    expect: [],
  },
  // app/: no queries, no schema; the handle only (biome.json override "app/**").
  { file: "app/api/zz/route.ts", code: `import { findUserById } from "@/db/queries/users";${use("findUserById")}`, expect: [ROUTE_DB] },
  { file: "app/zz/page.tsx", code: `import { users } from "@/db/schema";${use("users")}`, expect: [ROUTE_DB] },
  { file: "app/zz/types.ts", code: `import type { Role } from "@/db/schema/users";\nexport type R = Role;\n`, expect: [ROUTE_DB] },
  { file: "app/api/zz/deep/route.ts", code: `import { x } from "../../../../db/queries/users";${use("x")}`, expect: [ROUTE_DB] },
  { file: "app/zz/hidden.ts", code: `import { x } from "@/graders/hello-tensor/cases";${use("x")}`, expect: [HIDDEN] },
  {
    file: "app/api/zz/ok/route.ts",
    code: `import { getDb } from "@/db/client";\nimport { errorResponse } from "@/lib/http";${use("getDb, errorResponse")}`,
    expect: [],
  },
  // Hidden grader code: only graders/, scripts/ and tests/ may import it.
  { file: "lib/zz/slug.ts", code: `import { x } from "@/graders/clip-contrastive/checks";${use("x")}`, expect: [HIDDEN] },
  { file: "lib/zz/slug-index.ts", code: `import { x } from "@/graders/clip-contrastive";${use("x")}`, expect: [HIDDEN] },
  { file: "lib/zz/hidden.ts", code: `import { x } from "@/content/assignments/clip/hidden/checks";${use("x")}`, expect: [HIDDEN] },
  { file: "lib/zz/relative.ts", code: `import { x } from "../../content/assignments/clip/hidden";${use("x")}`, expect: [HIDDEN] },
  { file: "lib/zz/graders-relative.ts", code: `import { x } from "../../graders/nsp-pairs/cases";${use("x")}`, expect: [HIDDEN] },
  { file: "zz-root.ts", code: `import { x } from "./content/assignments/clip/hidden/solution";${use("x")}`, expect: [HIDDEN] },
  { file: "content/assignments/zz/public.test.ts", code: `import { x } from "./hidden/checks";${use("x")}`, expect: [HIDDEN] },
  { file: "lib/zz/ui.ts", code: `import { x } from "@/components/instructor/format";${use("x")}`, expect: [LIB_UP] },
  {
    file: "lib/zz/allowed.ts",
    code:
      `import { grade } from "@/graders/engine/grade";\nimport { sdk } from "@/graders/sdk";\nimport { tf } from "@/graders/tf/backend";\n` +
      `import { q } from "@/db/queries/users";${use("grade, sdk, tf, q")}`,
    expect: [],
  },
  { file: "graders/zz/a.ts", code: `import { x } from "@/content/assignments/clip/hidden/checks";${use("x")}`, expect: [] },
  { file: "tests/zz/a.test.ts", code: `import { x } from "@/graders/clip-contrastive/checks";${use("x")}`, expect: [] },
  { file: "scripts/zz.ts", code: `import { x } from "../content/assignments/clip/hidden/checks";${use("x")}`, expect: [] },
  // db/: drizzle and itself only.
  { file: "db/queries/zz.ts", code: `import { authorize } from "@/lib/context";${use("authorize")}`, expect: [DB_ONLY] },
  { file: "db/queries/zz-ok.ts", code: `import { eq } from "drizzle-orm";\nimport { users } from "../schema";${use("eq, users")}`, expect: [] },
];

const BOUNDARY = new Set(["plugin", "lint/style/noRestrictedImports"]);

let tmp: string;
let found: Map<string, string[]>;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lint-boundaries-"));
  fs.copyFileSync(path.join(root, "biome.json"), path.join(tmp, "biome.json"));
  fs.cpSync(path.join(root, "lint"), path.join(tmp, "lint"), { recursive: true });
  for (const c of cases) {
    fs.mkdirSync(path.dirname(path.join(tmp, c.file)), { recursive: true });
    fs.writeFileSync(path.join(tmp, c.file), c.code);
  }
  const run = spawnSync(biome, ["lint", "--reporter=json", "--max-diagnostics=none", "--vcs-enabled=false", "."], {
    cwd: tmp,
    encoding: "utf8",
  });
  expect(run.stdout, run.stderr).toContain('"diagnostics"');
  const report = JSON.parse(run.stdout) as { diagnostics: { category: string; message: string; location: { path: string } }[] };
  found = new Map();
  for (const d of report.diagnostics) {
    if (!BOUNDARY.has(d.category)) continue;
    const file = d.location.path.split(path.sep).join("/");
    found.set(file, [...(found.get(file) ?? []), d.message]);
  }
}, 60_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("import boundaries (biome.json + lint/*.grit)", () => {
  it.each(cases)("$file", (c) => {
    const messages = found.get(c.file) ?? [];
    for (const fragment of c.expect) {
      expect(messages.some((m) => m.includes(fragment)), `${c.file}: expected "${fragment}", got ${JSON.stringify(messages)}`).toBe(true);
    }
    expect(messages, `${c.file}: one diagnostic per expected rule`).toHaveLength(c.expect.length);
  });

  it("reports only the files written here (no stray diagnostics from the copied config)", () => {
    const unexpected = [...found.keys()].filter((f) => !cases.some((c) => c.file === f));
    expect(unexpected).toEqual([]);
  });

  it("keeps the two client plugins identical but for the line choosing their files", () => {
    const body = (name: string) =>
      fs
        .readFileSync(path.join(root, "lint", name), "utf8")
        .split("\n")
        .filter((l) => !l.startsWith("//") && !l.includes("$program <:"));
    expect(body("component-imports.grit")).toEqual(body("client-imports.grit"));
  });

  it("lets client code value-import only lib/ modules that are not server-only", () => {
    const grit = fs.readFileSync(path.join(root, "lint", "client-imports.grit"), "utf8");
    const allowed = /lib\/\(\?:([^)]+)\)/.exec(grit)?.[1]?.split("|") ?? [];
    expect(allowed.length).toBeGreaterThan(0);
    for (const mod of allowed) {
      const text = fs.readFileSync(path.join(root, "lib", `${mod}.ts`), "utf8");
      expect(text, `lib/${mod}.ts is allow-listed for client code`).not.toMatch(/^import\s+["']server-only["']/m);
      for (const m of text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+["']([^"']+)["']/gm)) {
        expect(m[1], `lib/${mod}.ts value-imports ${m[1]}`).not.toMatch(/^(@\/db|@\/graders|node:|server-only)/);
      }
    }
  });

  it("keeps the hidden-material patterns the same in every override that restates them", () => {
    const config = JSON.parse(fs.readFileSync(path.join(root, "biome.json"), "utf8")) as {
      overrides: { linter?: { rules?: { style?: { noRestrictedImports?: { options: { patterns: { group: string[]; message: string }[] } } } } } }[];
    };
    const hidden = config.overrides.flatMap(
      (o) => o.linter?.rules?.style?.noRestrictedImports?.options.patterns.filter((p) => p.message.startsWith(HIDDEN)) ?? [],
    );
    expect(hidden.length).toBeGreaterThanOrEqual(3);
    for (const p of hidden) expect(p.group).toEqual(hidden[0]!.group);
  });
});
