import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { num, seconds, utc } from "@/components/instructor/format";
import { RegradeButton } from "@/components/instructor/regrade-button";
import { ResultView } from "@/components/instructor/result-view";
import styles from "@/components/instructor/instructor.module.css";
import { requireStaffPage } from "@/lib/auth/current-user";
import { getSubmissionDetail } from "@/lib/instructor/get-submission-detail";
import { orNotFound } from "@/lib/instructor/or-not-found";

export const metadata: Metadata = { title: "Submission" };
export const dynamic = "force-dynamic";

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireStaffPage(`/instructor/submissions/${id}`);
  const s = await orNotFound(getSubmissionDetail({ ctx: { db: await getDb(), actor }, input: { id } }));
  const gradingSeconds = s.gradedAt && s.startedAt ? (s.gradedAt.getTime() - s.startedAt.getTime()) / 1000 : null;
  return (
    <section aria-labelledby="sub-title">
      <p className="muted">
        <Link href="/instructor">Instructor console</Link> · <Link href={`/instructor/assignments/${s.assignment}`}>{s.assignment}</Link> ·{" "}
        <Link href={`/instructor/assignments/${s.assignment}/students/${s.userId}`}>{s.email}</Link>
      </p>
      <h1 id="sub-title">Submission {s.id.slice(0, 8)}</h1>
      <p data-testid="submission-status">
        {s.status}
        {s.phase ? ` (${s.phase})` : ""} · submitted {utc(s.createdAt)} · graded {utc(s.gradedAt)} · grading {seconds(gradingSeconds)} · attempts {s.attempts} · seed {s.seed}
        {s.errorKind ? ` · error ${s.errorKind}` : ""}
      </p>
      {s.failure ? <p className={styles.error}>{s.failure}</p> : null}
      <RegradeButton target={{ submissionId: s.id }} label="Regrade this submission" />
      <h2>Results</h2>
      <table data-testid="result-history">
        <thead>
          <tr>
            <th scope="col">Recorded</th>
            <th scope="col">Reason</th>
            <th scope="col">Grader version</th>
            <th scope="col">Course version</th>
            <th scope="col">Backend</th>
            <th scope="col" className={styles.num}>Score</th>
            <th scope="col">Current</th>
            <th scope="col">JSON</th>
          </tr>
        </thead>
        <tbody>
          {s.history.map((r) => (
            <tr key={r.id}>
              <td>{utc(r.createdAt)}</td>
              <td>{r.reason}</td>
              <td>
                <code>{r.graderVersion}</code>
              </td>
              <td>
                <code>{(r.result as { course_version?: string } | null)?.course_version ?? "—"}</code>
              </td>
              <td>{r.backend ?? "—"}</td>
              <td className={styles.num}>
                {num(r.score)} / {num(r.maxScore)}
              </td>
              <td>{r.current ? "current" : "history"}</td>
              <td>
                <a href={`/api/instructor/submissions/${s.id}/result?result=${r.id}`}>download</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.current ? <ResultView result={s.current.result} /> : <p className="muted">No result yet.</p>}
      <h2>Source</h2>
      <pre className={styles.code} data-testid="submission-source">
        {s.source}
      </pre>
    </section>
  );
}
