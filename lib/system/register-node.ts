import "server-only";
import { getDbHandle } from "@/db/client";
import { webServerGrades } from "./grading-prerequisites";

/** LTI grade passback (AGS) runs in every web server: light HTTP work, shared through pg-boss (lib/lti/ags/queue.ts). */
async function startLtiPublisher(handle: Awaited<ReturnType<typeof getDbHandle>>): Promise<void> {
  try {
    const [{ getQueue }, { startLtiWorkers }] = await Promise.all([
      import("@/lib/grading/queue"),
      import("@/lib/lti/ags/queue"),
    ]);
    await startLtiWorkers(await getQueue(handle), handle.db);
  } catch (err) {
    console.error(
      `[unlabeled] LTI score publishing did not start: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** Similarity reports (docs/similarity.md) are computed in the web server too: rare, instructor-requested jobs. */
async function startSimilarity(handle: Awaited<ReturnType<typeof getDbHandle>>): Promise<void> {
  try {
    const [{ getQueue }, { startSimilarityWorker }] = await Promise.all([
      import("@/lib/grading/queue"),
      import("@/lib/similarity/queue"),
    ]);
    await startSimilarityWorker(await getQueue(handle), handle.db);
  } catch (err) {
    console.error(`[unlabeled] similarity reports did not start: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * The Node.js half of instrumentation.ts (Next loads it only when NEXT_RUNTIME is "nodejs", so the Edge build never
 * sees process.exit or the grading engine): opens the database (applying migrations) before the first request and,
 * in embedded mode (PGlite, which one process owns), grades here. On PostgreSQL the graders are separate processes
 * (`npm run grader`) unless GRADER_IN_WEB=1.
 */
export async function registerNodeServer(): Promise<void> {
  // A database that cannot be opened (read-only, full or damaged PGlite folder) ends the server with its one-line
  // reason; serving pages that can only fail would hide it.
  const handle = await getDbHandle().catch((err: unknown) => {
    if (!(err instanceof Error && err.name === "DatabaseOpenError")) throw err;
    console.error(`[unlabeled] cannot start: ${err.message}`);
    process.exit(1);
  });
  console.log(`[unlabeled] database ready: ${handle.description}`);
  await startLtiPublisher(handle);
  await startSimilarity(handle);
  if (!webServerGrades(process.env, handle.kind)) {
    console.log("[unlabeled] grading runs in separate processes: start them with `npm run grader`");
    return;
  }
  const { startEmbeddedGrading } = await import("./embedded-grading");
  await startEmbeddedGrading(handle);
}
