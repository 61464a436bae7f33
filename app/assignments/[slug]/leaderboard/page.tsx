import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { utc } from "@/components/instructor/format";
import { ChooseSubmission } from "@/components/leaderboard/choose-submission";
import { LeaderboardTable } from "@/components/leaderboard/leaderboard-table";
import { requireActorPage } from "@/lib/auth/current-user";
import { orNotFound } from "@/lib/instructor/or-not-found";
import { getLeaderboard } from "@/lib/leaderboards/get-leaderboard";

export const metadata: Metadata = { title: "Leaderboard" };
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export default async function LeaderboardPage({ params }: Params) {
  const { slug } = await params;
  const actor = await requireActorPage(`/assignments/${slug}/leaderboard`);
  const b = await orNotFound(getLeaderboard({ ctx: { db: await getDb(), actor }, input: { assignment: slug } }));
  const instructor = b.viewer === "instructor";
  const revealed = b.revealedAt !== null;
  const a = b.assignment;
  return (
    <section aria-labelledby="lb-title">
      <p className="muted">
        <Link href={`/assignments/${slug}`}>{a.title}</Link>
        {instructor ? (
          <>
            {" "}
            · <Link href={`/instructor/assignments/${slug}`}>instructor dashboard</Link>
          </>
        ) : null}
      </p>
      <h1 id="lb-title">Leaderboard: {a.title}</h1>
      <p>
        Ranked by <code>{a.metric}</code> ({a.order === "desc" ? "higher is better" : "lower is better"}), rounded to{" "}
        {a.decimals} decimals; ties go to the earlier submission.{" "}
        {revealed ? (
          <>
            The private leaderboard was revealed {utc(b.revealedAt)}: ranks use the private part of the hidden test set.
          </>
        ) : (
          <>
            Scores use the public {Math.round(a.publicFraction * 100)}% of the hidden test set; the private rest is
            revealed after the deadline ({utc(a.due)}).
          </>
        )}
        {b.frozenAt ? <> The board is frozen: submissions after {utc(b.frozenAt)} do not count.</> : null}
      </p>
      {!instructor ? (
        <p data-testid="my-standing">
          You appear as <strong>{b.me.alias}</strong>
          {b.me.hidden
            ? "; an instructor has hidden your row from the board."
            : b.me.rank
              ? `, rank ${b.me.rank} of ${b.rows.length}.`
              : ", with no scored submission yet."}
        </p>
      ) : null}
      <LeaderboardTable
        rows={b.rows}
        metric={a.metric}
        showPrivate={revealed || instructor}
        instructor={instructor}
        assignment={slug}
      />
      {!instructor ? (
        <>
          <h2>Your submissions</h2>
          <ChooseSubmission
            assignment={slug}
            metric={a.metric}
            locked={revealed}
            submissions={b.me.submissions.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() }))}
          />
        </>
      ) : null}
    </section>
  );
}
