import "server-only";
import type { Db } from "@/db/client";
import { findPlatformById } from "@/db/queries/lti";
import { findScore, markScoreSent, markScoreTry, type ScoreKey } from "@/db/queries/lti-ags";
import { type FetchLike, SCORE_SCOPE, serviceToken } from "./token";

/** The line item's scores endpoint: `/scores` appended to its path, its query kept (AGS §3.4). */
export function scoresUrl(lineItemUrl: string): string {
  const u = new URL(lineItemUrl);
  u.pathname = `${u.pathname.replace(/\/$/, "")}/scores`;
  return u.toString();
}

/**
 * Publishes one pending score (AGS Score publish service): the row's current score, `Completed` and
 * `FullyGraded`, for the LMS user id. A failure is recorded on the row and thrown, so pg-boss retries the job with
 * backoff; on the last try (`final`) the row is marked failed and the console shows it.
 */
export async function sendScore(
  db: Db,
  key: ScoreKey,
  opts: { final?: boolean; fetch?: FetchLike; now?: Date } = {},
): Promise<"sent" | "unchanged"> {
  const now = opts.now ?? new Date();
  const row = await findScore(db, key);
  if (!row || (row.status === "sent" && row.sentScore === row.scoreGiven)) return "unchanged";
  const platform = await findPlatformById(db, key.platformId);
  if (!platform) return "unchanged";
  try {
    const token = await serviceToken(db, platform, [SCORE_SCOPE], opts.fetch);
    const res = await (opts.fetch ?? fetch)(scoresUrl(row.lineItemUrl), {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/vnd.ims.lis.v1.score+json" },
      body: JSON.stringify({
        userId: row.sub,
        scoreGiven: row.scoreGiven,
        scoreMaximum: row.scoreMaximum,
        activityProgress: "Completed",
        gradingProgress: "FullyGraded",
        timestamp: now.toISOString(),
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`the LMS answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await markScoreTry(db, key, message, opts.final ?? false, now);
    throw new Error(`score for ${row.assignment} not sent to ${platform.issuer}: ${message}`);
  }
  await markScoreSent(db, key, row.scoreGiven, now);
  return "sent";
}
