import "server-only";
import type PgBoss from "pg-boss";
import { z } from "zod";
import type { Db } from "@/db/client";
import { runSimilarityReport } from "./run-report";

export const SIMILARITY_QUEUE = "similarity";
/** One retry: a worker that died mid-report leaves it running, and the retry computes it again from scratch. */
const RETRY = { retryLimit: 1, retryDelay: 30 } as const;
const EXPIRE_SECONDS = 15 * 60;

export const similarityJobSchema = z.strictObject({ reportId: z.uuid() });

export async function ensureSimilarityQueue(boss: PgBoss): Promise<void> {
  if (!(await boss.getQueue(SIMILARITY_QUEUE))) {
    await boss.createQueue(SIMILARITY_QUEUE, {
      name: SIMILARITY_QUEUE,
      ...RETRY,
      expireInSeconds: EXPIRE_SECONDS,
      retentionDays: 7,
    });
  }
}

/** Queues the computation of a report under the report's id, so sending it twice queues it once. */
export async function enqueueSimilarity(boss: PgBoss, reportId: string): Promise<void> {
  await boss.send(SIMILARITY_QUEUE, similarityJobSchema.parse({ reportId }), {
    id: reportId,
    ...RETRY,
    expireInSeconds: EXPIRE_SECONDS,
  });
}

/** The similarity worker on this process: one report at a time (the comparison is CPU work on this thread). */
export async function startSimilarityWorker(boss: PgBoss, db: Db, opts: { contentDir?: string } = {}): Promise<void> {
  await ensureSimilarityQueue(boss);
  await boss.work<z.infer<typeof similarityJobSchema>>(
    SIMILARITY_QUEUE,
    { pollingIntervalSeconds: 2, batchSize: 1 },
    async (jobs) => {
      for (const job of jobs) {
        const { reportId } = similarityJobSchema.parse(job.data);
        await runSimilarityReport(db, reportId, { contentDir: opts.contentDir });
      }
    },
  );
}
