import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { ScoreKey } from "@/db/queries/lti-ags";
import { collectScores } from "./collect-scores";
import { sendScore } from "./send-score";

export const LTI_SCORE_QUEUE = "lti-score";
export const LTI_COLLECT_QUEUE = "lti-score-collect";
/** 30 s, doubling: the tenth retry comes about 8.5 hours after the first failure (then hourly, see collect-scores). */
export const SCORE_RETRY = { retryLimit: 10, retryDelay: 30, retryBackoff: true } as const;

export const scoreJobSchema = z.strictObject({
  platformId: z.uuid(),
  lineItemUrl: z.url().max(2048),
  userId: z.string().min(1).max(200),
});

const singletonKey = (k: ScoreKey) => `${k.platformId} ${k.lineItemUrl} ${k.userId}`;

/** Queues one send per pending score; the `short` policy keeps at most one queued job per score. */
export async function queueScoreSends(boss: PgBoss, keys: ScoreKey[]): Promise<number> {
  let sent = 0;
  for (const k of keys) {
    const id = await boss.send(LTI_SCORE_QUEUE, scoreJobSchema.parse(k), {
      singletonKey: singletonKey(k),
      ...SCORE_RETRY,
    });
    if (id) sent++;
  }
  return sent;
}

export async function ensureLtiQueues(boss: PgBoss): Promise<void> {
  if (!(await boss.getQueue(LTI_SCORE_QUEUE))) {
    await boss.createQueue(LTI_SCORE_QUEUE, {
      name: LTI_SCORE_QUEUE,
      policy: "short",
      ...SCORE_RETRY,
      expireInSeconds: 120,
      retentionDays: 14,
    });
  }
  if (!(await boss.getQueue(LTI_COLLECT_QUEUE))) {
    await boss.createQueue(LTI_COLLECT_QUEUE, {
      name: LTI_COLLECT_QUEUE,
      policy: "singleton",
      retryLimit: 0,
      expireInSeconds: 300,
      retentionDays: 1,
    });
  }
}

/**
 * The AGS publisher on this process: every minute (a pg-boss cron, one run across all servers) the outbox is
 * brought up to date with the final grades and each pending score is queued; the send jobs retry with backoff.
 */
export async function startLtiWorkers(boss: PgBoss, db: Db, opts: { cron?: string; contentDir?: string } = {}) {
  await ensureLtiQueues(boss);
  await boss.schedule(LTI_COLLECT_QUEUE, opts.cron ?? "* * * * *");
  await boss.work(LTI_COLLECT_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    await queueScoreSends(boss, await collectScores(db, { contentDir: opts.contentDir }));
  });
  await boss.work<z.infer<typeof scoreJobSchema>>(
    LTI_SCORE_QUEUE,
    { pollingIntervalSeconds: 2, includeMetadata: true },
    async (jobs) => {
      for (const job of jobs) {
        const key = scoreJobSchema.parse(job.data);
        await sendScore(db, key, { final: job.retryCount >= SCORE_RETRY.retryLimit });
      }
    },
  );
}
