import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { ScoreChart } from "@/components/results/score-chart";
import { HistoryCompare } from "@/components/workspace/history-compare";
import { QuotaLine } from "@/components/workspace/quota-line";
import { requireActorPage } from "@/lib/auth/current-user";
import { isAppError } from "@/lib/errors";
import { listSubmissionHistory } from "@/lib/submissions/list-submission-history";
import "@/components/results/results.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your submissions" };

type Params = { params: Promise<{ slug: string }> };

const when = (iso: string) => `${iso.slice(0, 19).replace("T", " ")} UTC`;
const fmt = (n: number | null) => (n === null ? "—" : String(Math.round(n * 100) / 100));

export default async function HistoryPage({ params }: Params) {
  const { slug } = await params;
  const actor = await requireActorPage(`/assignments/${slug}/history`);
  let history;
  try {
    history = await listSubmissionHistory({ ctx: { db: await getDb(), actor }, input: { assignment: slug } });
  } catch (err) {
    if (isAppError(err) && (err.code === "not_found" || err.code === "validation")) notFound();
    throw err;
  }
  const items = history.items;
  const numbered = items.map((item, i) => ({ ...item, n: items.length - i }));
  return (
    <section aria-labelledby="history-title">
      <p className="muted">
        <Link href={`/assignments/${slug}`}>← back to the workspace</Link>
      </p>
      <h1 id="history-title">Your submissions: {history.title}</h1>
      <QuotaLine quota={history.quota} />
      <ScoreChart points={items} maxScore={history.points} />
      <table data-testid="history-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Submitted</th>
            <th scope="col">Status</th>
            <th scope="col">Score</th>
            <th scope="col">Late penalty</th>
            <th scope="col">Counts</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {numbered.map((item) => (
            <tr key={item.id} data-testid="history-row" data-status={item.status}>
              <td>{item.n}</td>
              <td>
                <time dateTime={item.createdAt}>{when(item.createdAt)}</time>
              </td>
              <td>
                {item.status === "graded"
                  ? item.errorKind
                    ? `${item.errorKind} error`
                    : item.passed
                      ? "passed"
                      : "not passed"
                  : item.status}
              </td>
              <td>
                {fmt(item.score)}
                {item.maxScore !== null ? ` / ${fmt(item.maxScore)}` : ""}
                {item.pendingPoints > 0 ? (
                  <span className="muted"> (+{fmt(item.pendingPoints)} after the due date)</span>
                ) : null}
              </td>
              <td>{item.penalty > 0 ? `−${Math.round(item.penalty * 100)}% (${item.daysLate} d)` : "—"}</td>
              <td>{fmt(item.finalScore)}</td>
              <td>
                <Link href={`/assignments/${slug}/history/${item.id}`}>Code and result</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 ? <p>No submissions yet.</p> : null}
      <h2>Compare two submissions</h2>
      <HistoryCompare
        options={numbered.map((i) => ({ id: i.id, label: `#${i.n} · ${when(i.createdAt)} · ${fmt(i.finalScore)}` }))}
      />
    </section>
  );
}
