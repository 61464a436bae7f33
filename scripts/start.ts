/**
 * `npm start [--course DIR] [--no-build]`: builds if needed, publishes the course (COURSE_DIR or --course, else
 * ./content) unless that version is live already, then serves the platform with the live version. With no
 * environment it runs on PGlite in `.data/`, generating an AUTH_SECRET there; with DATABASE_URL it needs
 * AUTH_SECRET too. The build never depends on the course: any course is served by the same build.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { dataDir, dataFolderProblem, databaseTarget, describeTarget } from "../db/config";
import { resolveAuthSecret } from "../lib/auth/secret";
import { webServerGrades } from "../lib/system/grading-prerequisites";
import { ensureGradingPrerequisites } from "../lib/system/install-prerequisites";
import { buildNeeded } from "./build-state";
import { courseSource } from "../lib/content/course-root";
import { ensureLiveCourse, ensureLiveExtraCourses } from "../lib/course/ensure-live";

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

const courseFlag = process.argv.findIndex((a) => a === "--course");
if (courseFlag !== -1) {
  const dir = process.argv[courseFlag + 1];
  if (!dir) {
    console.error("Cannot start: --course needs a folder");
    process.exit(2);
  }
  env.COURSE_DIR = path.resolve(dir);
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

// The course: served from a validated snapshot of its folder (lib/course). A version that fails validation never
// replaces the live one; with none live yet, nothing can be served.
// Preview (`course preview`) serves the author's folder itself, as it changes.
if (env.UNLABELED_PREVIEW === "1") {
  delete env.UNLABELED_COURSE_STATE;
  console.log(`[unlabeled] preview of ${courseSource(env)}: pages reload when a file changes; broken files show their problems`);
} else {
  const course = await ensureLiveCourse({ source: courseSource(env), dataDir: dataDir(env), by: "start", log: (line) => console.log(`[unlabeled] ${line}`) });
  if (!course.live) {
    console.error(`Cannot start: the course in ${courseSource(env)} does not validate, and no earlier version is live:`);
    course.problems.forEach((p, i) => console.error(`${String(i + 1).padStart(3)}. ${p}`));
    process.exit(1);
  }
  env.UNLABELED_COURSE_STATE = course.stateFile;
  await ensureLiveExtraCourses({ dataDir: dataDir(env), by: "start", env, log: (line) => console.log(`[unlabeled] ${line}`) });
}

const port = env.PORT ?? "3000";
const args = [nextBin, "start", "-p", port];
if (env.HOSTNAME_BIND) args.push("-H", env.HOSTNAME_BIND);
console.log(`[unlabeled] serving http://localhost:${port} on ${describeTarget(target)}`);
const server = spawn(process.execPath, args, { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
