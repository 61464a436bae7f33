/**
 * `npm run grader`: a standalone grading process for PostgreSQL deployments. Any number may run on any machines;
 * they share the pg-boss queue in DATABASE_URL. (In embedded mode the web server grades: PGlite has one owner.)
 */
import { closeDb, getDbHandle } from "../db/client";
import { dataDir, databaseTarget, storageFailure } from "../db/config";
import { courseSource } from "../lib/content/course-root";
import { ensureLiveCourse, ensureLiveExtraCourses } from "../lib/course/ensure-live";
import { stopQueue } from "../lib/grading/queue";
import { graderConcurrency, startEngineWorkers } from "../lib/grading/start-workers";
import { checkGradingPrerequisites } from "../lib/system/grading-prerequisites";
import { parseArgs, UsageError } from "./cli-types";
import { useCourse } from "./course/course-flag";

// pg-boss 10 fires some queries without awaiting them (a job's complete/fail after the handler; lib/grading/worker.ts
// settles jobs itself first), so a database outage can surface as an unhandled rejection. Those must not kill a
// grader: it reconnects when the database is back. Any other unhandled rejection is a bug and still ends the process.
process.on("unhandledRejection", (reason) => {
  const storage = storageFailure(reason);
  if (storage) {
    console.error(`[grader] database ${storage.kind} (${storage.detail}); carrying on, the queue resumes when it is back`);
    return;
  }
  console.error(`grader: unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
  process.exit(1);
});

async function main(): Promise<number> {
  const { flags, positionals } = parseArgs(process.argv.slice(2), { strings: ["concurrency", "course"], booleans: ["help"] });
  if (flags.help || positionals.length) {
    console.log("Usage: npm run grader [-- --concurrency N] [--course DIR]   (needs DATABASE_URL; GRADER_CONCURRENCY also sets N; the course is COURSE_DIR, else ./content)");
    return positionals.length ? 2 : 0;
  }
  useCourse(flags);
  if (databaseTarget().kind !== "postgres") {
    console.error("npm run grader needs DATABASE_URL: with the embedded database the web server (npm start) grades submissions itself.");
    return 2;
  }
  const concurrency = graderConcurrency(typeof flags.concurrency === "string" ? { GRADER_CONCURRENCY: flags.concurrency } : process.env);
  // A grader that cannot run the sandbox would take jobs only to fail them: it refuses to start instead.
  const prerequisites = await checkGradingPrerequisites();
  if (!prerequisites.ok) {
    console.error(`grader: cannot start: ${prerequisites.message}`);
    return 1;
  }
  if (prerequisites.mode === "none") console.warn(`[grader] ${prerequisites.message}`);
  // Grade the live, validated version of the course (publishing it first when this machine has none).
  const course = await ensureLiveCourse({ source: courseSource(), dataDir: dataDir(), by: "grader", log: (line) => console.log(`[grader] ${line}`) });
  if (!course.live) {
    console.error(`grader: cannot start: the course in ${courseSource()} does not validate, and no earlier version is live:\n${course.problems.map((p) => `  - ${p}`).join("\n")}`);
    return 1;
  }
  process.env.UNLABELED_COURSE_STATE = course.stateFile;
  await ensureLiveExtraCourses({ dataDir: dataDir(), by: "grader", log: (line) => console.log(`[grader] ${line}`) });
  const handle = await getDbHandle();
  const workers = await startEngineWorkers(handle, concurrency);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`[grader] ${signal}: finishing the current job and stopping`);
      resolve();
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  await workers.stop();
  await stopQueue();
  await closeDb();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    const storage = storageFailure(err);
    if (storage) console.error(`grader: cannot reach the database in DATABASE_URL (${storage.detail}); start it, then the grader again.`);
    else console.error(err instanceof UsageError ? err.message : `grader: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
