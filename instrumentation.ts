/**
 * Runs once when the Next server starts: opens the database (applying migrations) before the first request and,
 * in embedded mode (PGlite, which one process owns), starts the grading workers here. On PostgreSQL the graders
 * are separate processes (`npm run grader`) unless GRADER_IN_WEB=1.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDbHandle } = await import("./db/client");
  // A database that cannot be opened (read-only, full or damaged PGlite folder) ends the server with its one-line
  // reason; serving pages that can only fail would hide it.
  const handle = await getDbHandle().catch((err: unknown) => {
    if (!(err instanceof Error && err.name === "DatabaseOpenError")) throw err;
    console.error(`[unlabeled] cannot start: ${err.message}`);
    process.exit(1);
  });
  console.log(`[unlabeled] database ready: ${handle.description}`);
  const inWeb = process.env.GRADER_IN_WEB ?? (handle.kind === "pglite" ? "1" : "0");
  if (inWeb !== "1") {
    console.log("[unlabeled] grading runs in separate processes: start them with `npm run grader`");
    return;
  }
  const { graderConcurrency, startEngineWorkers } = await import("./lib/grading/start-workers");
  await startEngineWorkers(handle, graderConcurrency());
}
