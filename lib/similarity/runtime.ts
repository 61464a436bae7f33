import "server-only";
import { getDbHandle } from "@/db/client";
import { getQueue } from "@/lib/grading/queue";
import { enqueueSimilarity, ensureSimilarityQueue } from "./queue";

/** The `enqueueSimilarity` capability in the web server: pg-boss over the app database. */
export async function serverEnqueueSimilarity(reportId: string): Promise<void> {
  const boss = await getQueue(await getDbHandle());
  await ensureSimilarityQueue(boss);
  await enqueueSimilarity(boss, reportId);
}
