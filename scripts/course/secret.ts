/**
 * `npm run course -- secret rotate`: replaces the generated session secret in the data folder (.data/auth-secret),
 * so every session signed with the old one stops working at the next request once the server restarts. For
 * installations that set AUTH_SECRET in the environment it says how to rotate that instead.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "../../db/config";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";

export const secretCommand: CliCommand = {
  name: "secret",
  summary: "Rotate the session secret: `secret rotate` (every signed-in session ends after the restart)",
  usage: "secret rotate",
  async run(argv) {
    const { positionals } = parseArgs(argv, {});
    if (positionals[0] !== "rotate" || positionals.length !== 1) throw new UsageError("expected the subcommand `rotate`");
    if (process.env.AUTH_SECRET) {
      console.log("AUTH_SECRET is set in the environment: set a new value (openssl rand -base64 32) for every web server and restart them; sessions signed with the old value stop working.");
      return 0;
    }
    const file = path.join(dataDir(process.env), "auth-secret");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${crypto.randomBytes(32).toString("base64url")}\n`, { mode: 0o600 });
    fs.renameSync(tmp, file);
    console.log(`wrote a new session secret to ${file}; restart the server: every session signed with the old secret is no longer accepted`);
    return 0;
  },
};
