import "server-only";

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 10;
const failures = new Map<string, number[]>();

/** Refuses further password attempts for an email after repeated failures (per process; resets after the window). */
export function signInBlockedFor(email: string, now = Date.now()): number {
  const recent = (failures.get(email) ?? []).filter((t) => now - t < WINDOW_MS);
  failures.set(email, recent);
  if (recent.length < MAX_FAILURES) return 0;
  return Math.ceil((recent[0]! + WINDOW_MS - now) / 1000);
}

export function recordSignInFailure(email: string, now = Date.now()): void {
  const list = failures.get(email) ?? [];
  list.push(now);
  failures.set(email, list.slice(-MAX_FAILURES));
  if (failures.size > 50_000) failures.clear();
}

export function clearSignInFailures(email: string): void {
  failures.delete(email);
}
