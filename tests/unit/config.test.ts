import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseTarget } from "@/db/config";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { safeReturnPath } from "@/lib/safe-redirect";
import { parseArgs, UsageError } from "../../scripts/cli-types";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-config-"));

describe("database target", () => {
  it("defaults to PGlite in .data/pglite", () => {
    expect(databaseTarget({})).toEqual({ kind: "pglite", dir: path.resolve(".data", "pglite") });
  });
  it("uses PostgreSQL when DATABASE_URL is set, but an explicit PGLITE_DIR wins", () => {
    const url = "postgres://u:p@db:5432/x";
    expect(databaseTarget({ DATABASE_URL: url })).toEqual({ kind: "postgres", url });
    expect(databaseTarget({ DATABASE_URL: url, PGLITE_DIR: "memory://" })).toEqual({ kind: "pglite", dir: "memory://" });
  });
});

describe("AUTH_SECRET", () => {
  it("generates one secret under the data folder and keeps it", () => {
    const dir = tmp();
    const env = { UNLABELED_DATA_DIR: dir };
    const first = resolveAuthSecret(env);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveAuthSecret(env)).toBe(first);
    expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
  });
  it("prefers the environment", () => {
    expect(resolveAuthSecret({ AUTH_SECRET: "from-env", UNLABELED_DATA_DIR: tmp() })).toBe("from-env");
  });
  it("refuses to invent one for a production server on PostgreSQL, and says what to do", () => {
    const env = { DATABASE_URL: "postgres://x/y", NODE_ENV: "production", UNLABELED_DATA_DIR: tmp() };
    expect(() => resolveAuthSecret(env)).toThrow(/AUTH_SECRET must be set when DATABASE_URL is set/);
  });
});

describe("redirect targets after sign-in", () => {
  it("allows same-site paths only", () => {
    expect(safeReturnPath("/lessons/bert")).toBe("/lessons/bert");
    expect(safeReturnPath("//evil.example/x")).toBe("/");
    expect(safeReturnPath("https://evil.example")).toBe("/");
    expect(safeReturnPath("/\\evil.example")).toBe("/");
    expect(safeReturnPath(["/a"])).toBe("/");
  });
});

describe("command-line options", () => {
  it("parses strings, booleans and positionals", () => {
    expect(parseArgs(["add", "--email", "a@b.c", "--role=student", "--json"], { strings: ["email", "role"], booleans: ["json"] })).toEqual({
      flags: { email: "a@b.c", role: "student", json: true },
      positionals: ["add"],
    });
  });
  it("rejects unknown options and missing values", () => {
    expect(() => parseArgs(["--nope"], {})).toThrow(UsageError);
    expect(() => parseArgs(["--email"], { strings: ["email"] })).toThrow(/needs a value/);
  });
});
