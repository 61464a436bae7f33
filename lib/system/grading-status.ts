import "server-only";
import { checkGradingPrerequisites, type GradingPrerequisites } from "./grading-prerequisites";

/**
 * The web server's view of whether it can grade. Only a server that grades in-process (embedded mode, or
 * GRADER_IN_WEB=1) tracks it: lib/system/embedded-grading.ts checks once at start and every RECHECK_MS while grading
 * is unavailable; a read older than RECHECK_MS re-checks too (a few ms), and an instructor may ask for a re-check.
 * So installing bubblewrap later makes grading work without a restart. The state lives on globalThis: Next bundles
 * instrumentation and route handlers separately, and both must see one state.
 */
export const RECHECK_MS = 60_000;

interface State {
  current: GradingPrerequisites | null;
  pending: Promise<GradingPrerequisites> | null;
  listeners: Array<(state: GradingPrerequisites) => void>;
}

const globalKey = Symbol.for("unlabeled.grading-prerequisites");
type GlobalWithState = typeof globalThis & { [globalKey]?: State };

function tracked(): State | undefined {
  return (globalThis as GlobalWithState)[globalKey];
}

/** Starts tracking (idempotent): from now on this server grades, so submissions depend on the prerequisites. */
export function trackGradingPrerequisites(): void {
  const g = globalThis as GlobalWithState;
  g[globalKey] ??= { current: null, pending: null, listeners: [] };
}

/** Tests only: forget the state (and the listeners). */
export function untrackGradingPrerequisites(): void {
  delete (globalThis as GlobalWithState)[globalKey];
}

/** Re-checks now (concurrent callers share one check) and tells the listeners. */
export async function recheckGradingPrerequisites(): Promise<GradingPrerequisites | null> {
  const state = tracked();
  if (!state) return null;
  state.pending ??= checkGradingPrerequisites().then((result) => {
    state.current = result;
    state.pending = null;
    for (const listener of state.listeners) listener(result);
    return result;
  });
  return state.pending;
}

/**
 * The prerequisite state of this server, or null when it does not grade in-process (separate `npm run grader`
 * processes check their own and refuse to start without them). Re-checks when the last check is older than maxAgeMs.
 */
export async function gradingPrerequisites(maxAgeMs = RECHECK_MS): Promise<GradingPrerequisites | null> {
  const state = tracked();
  if (!state) return null;
  const age = state.current ? Date.now() - Date.parse(state.current.checkedAt) : Infinity;
  return age <= maxAgeMs ? state.current : recheckGradingPrerequisites();
}

/** Calls `listener` after every check from now on. */
export function onGradingPrerequisites(listener: (state: GradingPrerequisites) => void): void {
  tracked()?.listeners.push(listener);
}
