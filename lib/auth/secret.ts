import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { dataDir, type Env } from "@/db/config";

/**
 * AUTH_SECRET from the environment; else, for the embedded default or development, one generated once and kept in
 * `.data/auth-secret`. A production server on a shared PostgreSQL must be given one explicitly: servers behind a load
 * balancer need the same secret, which a file on one machine cannot promise.
 */
export function resolveAuthSecret(env: Env = process.env): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.DATABASE_URL && env.NODE_ENV === "production") {
    throw new Error(
      "AUTH_SECRET must be set when DATABASE_URL is set in production. Generate one with `openssl rand -base64 32` " +
        "and give every web server the same value.",
    );
  }
  const file = path.join(dataDir(env), "auth-secret");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  // wx: if another process created it first, use theirs.
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8").trim();
    throw err;
  }
}
