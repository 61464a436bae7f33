import "server-only";
import { getDbHandle } from "@/db/client";
import { findSubmission } from "@/db/queries/submissions";
import { cancelGrading, enqueueGrading, getQueue, type GradeJob } from "./queue";

/**
 * The enqueue function service verbs are given in the web server: pg-boss over the app database. A job without
 * its scheduling fields (a regrade) gets them from the submission, so the fair fetch can place it.
 */
export async function serverEnqueue(job: GradeJob, jobId: string): Promise<void> {
  const handle = await getDbHandle();
  let full = job;
  if (job.student === undefined || job.assignment === undefined) {
    const sub = await findSubmission(handle.db, job.submissionId);
    if (sub) full = { student: sub.userId, assignment: sub.assignment, priority: sub.priority, ...job };
  }
  await enqueueGrading(await getQueue(handle), full, jobId);
}

/** Cancels superseded submissions' queued jobs. */
export async function serverCancel(jobIds: string[]): Promise<void> {
  const handle = await getDbHandle();
  await cancelGrading(await getQueue(handle), jobIds);
}
