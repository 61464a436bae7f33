import "server-only";
import type { DbHandle } from "@/db/client";
import { graderConcurrency, startEngineWorkers } from "@/lib/grading/start-workers";
import {
  onGradingPrerequisites,
  recheckGradingPrerequisites,
  RECHECK_MS,
  trackGradingPrerequisites,
} from "./grading-status";

/**
 * Grading inside the web server (embedded mode, or GRADER_IN_WEB=1). The prerequisites are checked first: when they
 * fail the site is served anyway, submissions are refused with the reason (lib/system/grading-status.ts) and
 * instructors see it in a banner; they are checked again every RECHECK_MS (and on each stale read), and the workers
 * start as soon as a check passes. Queued work waits meanwhile instead of failing its retries.
 */
export async function startEmbeddedGrading(handle: DbHandle, opts: { recheckMs?: number } = {}): Promise<void> {
  const concurrency = graderConcurrency();
  trackGradingPrerequisites();
  let started: Promise<void> | null = null;
  const start = () =>
    (started ??= startEngineWorkers(handle, concurrency).then(
      () => undefined,
      (err: unknown) => {
        started = null;
        console.error(
          `[unlabeled] the grading workers did not start: ${err instanceof Error ? err.message : String(err)}`,
        );
      },
    ));
  const first = (await recheckGradingPrerequisites())!;
  if (first.ok) {
    if (first.mode === "none") console.warn(`[unlabeled] ${first.message}`);
    await start();
    return;
  }
  // `npm start` has printed the one line already (scripts/start.ts); a bare `next start` says it here.
  if (process.env.UNLABELED_GRADING_REPORTED !== "1")
    console.error(
      `[unlabeled] ${first.message} (pages are served; submissions are refused until this is fixed, checked every ${Math.round((opts.recheckMs ?? RECHECK_MS) / 1000)} s)`,
    );
  onGradingPrerequisites((state) => {
    if (!state.ok || started) return;
    console.log(`[unlabeled] grading is available again (${state.message}): starting the grading workers`);
    void start();
  });
  const timer = setInterval(() => {
    if (started) clearInterval(timer);
    else void recheckGradingPrerequisites();
  }, opts.recheckMs ?? RECHECK_MS);
  timer.unref();
}
