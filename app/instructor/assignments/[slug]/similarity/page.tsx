import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { num, utc } from "@/components/instructor/format";
import styles from "@/components/instructor/instructor.module.css";
import { SideBySide } from "@/components/instructor/side-by-side";
import { ComputeReportButton, RefreshWhileRunning } from "@/components/instructor/similarity-controls";
import { requireStaffPage } from "@/lib/auth/current-user";
import { orNotFound } from "@/lib/instructor/or-not-found";
import { DEFAULT_COMPARE } from "@/lib/similarity/compare";
import { getSimilarityPair } from "@/lib/similarity/get-pair";
import { getSimilarityReport } from "@/lib/similarity/get-report";
import { listSimilarityReports } from "@/lib/similarity/list-reports";

export const metadata: Metadata = { title: "Similarity report" };
export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
const pct = (x: number) => `${Math.round(x * 100)}%`;
const who = (email: string, name: string | null) => (name ? `${name} (${email})` : email);

/** Staff only: the assignment's similarity reports, one report's pairs, and one pair side by side. */
export default async function SimilarityPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const reportId = one(query.report);
  const pairId = one(query.pair);
  const base = `/instructor/assignments/${slug}/similarity`;
  const actor = await requireStaffPage(base);
  const ctx = { db: await getDb(), actor };
  const list = await orNotFound(listSimilarityReports({ ctx, input: { assignment: slug } }));
  const shown = reportId ? await orNotFound(getSimilarityReport({ ctx, input: { id: reportId } })) : null;
  if (shown && shown.report.assignment !== list.assignment) notFound();
  const pair =
    shown && pairId ? await orNotFound(getSimilarityPair({ ctx, input: { id: shown.report.id, pairId } })) : null;
  const running = list.reports.some((r) => r.status === "queued" || r.status === "running");
  return (
    <section aria-labelledby="similarity-title">
      <p className="muted">
        <Link href="/instructor">Instructor console</Link> ·{" "}
        <Link href={`/instructor/assignments/${list.assignment}`}>{list.title}</Link>
      </p>
      <h1 id="similarity-title">Similarity: {list.title}</h1>
      <p>
        Each student&apos;s counted submission is compared with every other&apos;s; code from the starter is left out. A
        high similarity is a reason to look closer, never a verdict (see docs/similarity.md).
      </p>
      <ComputeReportButton assignment={list.assignment} threshold={DEFAULT_COMPARE.threshold} />
      <RefreshWhileRunning running={running} />

      <h2>Reports</h2>
      {list.reports.length ? (
        <div className={styles.scroll}>
          <table data-testid="similarity-reports">
            <thead>
              <tr>
                <th scope="col">Requested</th>
                <th scope="col">By</th>
                <th scope="col">Status</th>
                <th scope="col" className={styles.num}>
                  Submissions
                </th>
                <th scope="col" className={styles.num}>
                  Pairs listed
                </th>
                <th scope="col">Parameters</th>
              </tr>
            </thead>
            <tbody>
              {list.reports.map((r) => (
                <tr key={r.id} aria-current={r.id === shown?.report.id ? "true" : undefined}>
                  <td>
                    <Link href={`${base}?report=${r.id}`}>{utc(r.createdAt)}</Link>
                  </td>
                  <td>{r.requestedBy ?? "—"}</td>
                  <td>
                    {r.status}
                    {r.error ? <span className={styles.error}>: {r.error}</span> : null}
                  </td>
                  <td className={styles.num}>{r.counts?.submissions ?? "—"}</td>
                  <td className={styles.num}>{r.counts?.pairs ?? "—"}</td>
                  <td>
                    from {pct(r.params.threshold)}, k = {r.params.k}, window {r.params.window}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No report yet.</p>
      )}

      {shown ? (
        <>
          <h2 id="pairs">Report of {utc(shown.report.createdAt)}</h2>
          {shown.report.status === "done" ? (
            <p className="muted">
              {shown.report.counts?.submissions ?? 0} submissions compared
              {shown.report.counts?.starter ? ", starter code left out" : ", no starter.ts found"}; {shown.pairs.length}{" "}
              pair(s) at or above {pct(shown.threshold)}
              {(shown.report.counts?.above ?? 0) > (shown.report.counts?.pairs ?? 0)
                ? ` (the ${shown.report.counts?.pairs} most similar of ${shown.report.counts?.above}: raise the threshold to see fewer)`
                : ""}
              . Longest fragment and overlap are in k-grams of {shown.report.params.k} tokens.
            </p>
          ) : shown.report.status === "failed" ? (
            <p className={styles.error} role="alert">
              {shown.report.error}
            </p>
          ) : (
            <p className="muted">This report is {shown.report.status}.</p>
          )}
          {shown.pairs.length ? (
            <div className={styles.scroll}>
              <table data-testid="similarity-pairs">
                <caption className="muted">Pairs, most similar first</caption>
                <thead>
                  <tr>
                    <th scope="col">Student A</th>
                    <th scope="col">Student B</th>
                    <th scope="col" className={styles.num}>
                      Similarity
                    </th>
                    <th scope="col" className={styles.num}>
                      Longest fragment
                    </th>
                    <th scope="col" className={styles.num}>
                      Overlap
                    </th>
                    <th scope="col">View</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.pairs.map((p) => (
                    <tr key={p.id} aria-current={p.id === pair?.pair.id ? "true" : undefined}>
                      <td>{who(p.leftEmail, p.leftName)}</td>
                      <td>{who(p.rightEmail, p.rightName)}</td>
                      <td className={styles.num}>{pct(p.similarity)}</td>
                      <td className={styles.num}>{num(p.longest, 0)}</td>
                      <td className={styles.num}>{num(p.overlap, 0)}</td>
                      <td>
                        <Link href={`${base}?report=${shown.report.id}&pair=${p.id}#pair`}>side by side</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}

      {pair ? (
        <>
          <h2 id="pair">
            {who(pair.pair.leftEmail, pair.pair.leftName)} and {who(pair.pair.rightEmail, pair.pair.rightName)}:{" "}
            {pct(pair.pair.similarity)}
          </h2>
          <p className="muted">
            <Link href={`/instructor/submissions/${pair.left.submissionId}`}>A&apos;s submission</Link> ·{" "}
            <Link href={`/instructor/submissions/${pair.right.submissionId}`}>B&apos;s submission</Link>
          </p>
          <SideBySide
            pair={{
              left: { label: `A: ${pair.pair.leftEmail}`, source: pair.left.source },
              right: { label: `B: ${pair.pair.rightEmail}`, source: pair.right.source },
              fragments: pair.fragments,
            }}
          />
        </>
      ) : null}
    </section>
  );
}
