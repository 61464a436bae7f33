import { findSubmission } from "@/db/queries/submissions";
import type { TestDb } from "../../support/test-db";

/** Polls a submission until it is graded or failed (the worker's end states). */
export async function waitForDone(t: TestDb, id: string, timeoutMs = 60_000) {
  const started = Date.now();
  for (;;) {
    const sub = await findSubmission(t.handle.db, id);
    if (sub && (sub.status === "graded" || sub.status === "failed")) return sub;
    if (Date.now() - started > timeoutMs) throw new Error(`submission ${id} still ${sub?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
