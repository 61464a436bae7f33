/**
 * `npm start`: builds if needed, then serves the platform. With no environment it runs on PGlite in `.data/`,
 * generating an AUTH_SECRET there; with DATABASE_URL it needs AUTH_SECRET too.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { dataDir, dataFolderProblem, databaseTarget, describeTarget } from "../db/config";
import { resolveAuthSecret } from "../lib/auth/secret";
import { webServerGrades } from "../lib/system/grading-prerequisites";
import { ensureGradingPrerequisites } from "../lib/system/install-prerequisites";
import { buildNeeded } from "./build-state";

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
if (major < 20 || (major === 20 && minor < 9)) {
  console.error(`Unlabeled needs Node.js 20.9 or newer; this is ${process.versions.node}.`);
  process.exit(1);
}

// A read-only or full data folder is reported here in one sentence, before Next starts and fails in its own words.
const target = databaseTarget(env);
const folders: [string, string][] = [];
if (target.kind === "pglite" && target.dir !== "memory://") folders.push([target.dir, "embedded database folder"]);
if (!env.AUTH_SECRET && !env.DATABASE_URL) folders.push([dataDir(env), "data folder (it keeps the generated AUTH_SECRET)"]);
for (const [dir, label] of folders) {
  const problem = dataFolderProblem(dir, label);
  if (problem) {
    console.error(`Cannot start: ${problem}`);
    process.exit(1);
  }
}

try {
  env.AUTH_SECRET = resolveAuthSecret({ ...env, NODE_ENV: "production" });
} catch (err) {
  console.error(`Cannot start: ${(err as Error).message}`);
  process.exit(1);
}

// A server that grades (embedded PGlite, or GRADER_IN_WEB=1) needs bubblewrap: as root it is installed here
// (UNLABELED_APT_GET names another apt-get), otherwise one line says the command. Either way the site is served;
// the server refuses submissions and tells instructors until grading works (lib/system/grading-status.ts), and does
// not repeat the line printed here (UNLABELED_GRADING_REPORTED).
if (webServerGrades(env, target.kind)) {
  const grading = await ensureGradingPrerequisites({ env });
  if (!grading.ok) env.UNLABELED_GRADING_REPORTED = "1";
}

const skipBuild = process.argv.includes("--no-build");
const reason = skipBuild ? null : buildNeeded(root, env.NEXT_DIST_DIR ?? ".next");
if (reason) {
  console.log(`[unlabeled] building (${reason}) ...`);
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
  if (build.status !== 0) {
    console.error("[unlabeled] the build failed; see the messages above.");
    process.exit(build.status ?? 1);
  }
}

const port = env.PORT ?? "3000";
const args = [nextBin, "start", "-p", port];
if (env.HOSTNAME_BIND) args.push("-H", env.HOSTNAME_BIND);
console.log(`[unlabeled] serving http://localhost:${port} on ${describeTarget(target)}`);
const server = spawn(process.execPath, args, { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
