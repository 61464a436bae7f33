import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { QueueWait } from "@/components/results/queue-wait";
import type { ResultView } from "@/components/results/result-types";
import { SubmissionDetail } from "@/components/workspace/submission-detail";
import { requireActorPage } from "@/lib/auth/current-user";
import { isAppError } from "@/lib/errors";
import { getSubmission } from "@/lib/submissions/get-submission";
import { getSubmissionSource } from "@/lib/submissions/history-source";
import { listSubmissionHistory } from "@/lib/submissions/list-submission-history";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Submission" };

type Params = { params: Promise<{ slug: string; id: string }> };

export default async function SubmissionPage({ params }: Params) {
  const { slug, id } = await params;
  const actor = await requireActorPage(`/assignments/${slug}/history/${id}`);
  const ctx = { db: await getDb(), actor };
  let submission, source, history;
  try {
    [submission, source, history] = await Promise.all([
      getSubmission({ ctx, input: { id } }),
      getSubmissionSource({ ctx, input: { id } }),
      listSubmissionHistory({ ctx, input: { assignment: slug } }),
    ]);
  } catch (err) {
    if (isAppError(err) && (err.code === "not_found" || err.code === "validation")) notFound();
    throw err;
  }
  if (submission.assignment !== slug) notFound();
  const item = history.items.find((i) => i.id === id);
  const created = submission.createdAt.toISOString();
  return (
    <section aria-labelledby="submission-title">
      <p className="muted">
        <Link href={`/assignments/${slug}/history`}>← all your submissions</Link> ·{" "}
        <Link href={`/assignments/${slug}`}>workspace</Link>
      </p>
      <h1 id="submission-title">
        {history.title}: submission of <time dateTime={created}>{created.slice(0, 19).replace("T", " ")} UTC</time>
      </h1>
      {submission.status === "failed" ? (
        <p>The platform could not grade it{submission.failure ? `: ${submission.failure}` : ""}.</p>
      ) : null}
      {submission.status === "superseded" ? (
        <p data-testid="submission-superseded">
          {submission.message}{" "}
          {submission.supersededBy ? (
            <Link href={`/assignments/${slug}/history/${submission.supersededBy.id}`}>
              See submission #{submission.supersededBy.number}
            </Link>
          ) : null}
        </p>
      ) : null}
      {submission.status === "queued" || submission.status === "running" ? (
        <p data-testid="submission-waiting">
          It is {submission.status}
          <QueueWait status={submission.status} queue={submission.queue} />; reload for the result.
        </p>
      ) : null}
      <SubmissionDetail
        id={id}
        source={source.source}
        result={(submission.result as ResultView | null) ?? null}
        penalty={item ? { fraction: item.penalty, daysLate: item.daysLate, finalScore: item.finalScore } : null}
        passThreshold={history.passThreshold}
        points={history.points}
      />
    </section>
  );
}
