import "server-only";
import { getDbHandle } from "@/db/client";
import { enqueueGrading, getQueue } from "./queue";

/** The enqueue function service verbs are given in the web server: pg-boss over the app database. */
export async function serverEnqueue(job: { submissionId: string; reason: "submit" | "regrade" }, jobId: string): Promise<void> {
  const handle = await getDbHandle();
  await enqueueGrading(await getQueue(handle), job, jobId);
}
