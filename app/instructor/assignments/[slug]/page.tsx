import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { BarChart } from "@/components/instructor/bar-chart";
import { num, percent, seconds, utc } from "@/components/instructor/format";
import { LeaderboardControls } from "@/components/instructor/leaderboard-controls";
import { RegradeButton } from "@/components/instructor/regrade-button";
import { RegradeProgress } from "@/components/instructor/regrade-progress";
import styles from "@/components/instructor/instructor.module.css";
import { requireStaffPage } from "@/lib/auth/current-user";
import { getDashboard } from "@/lib/instructor/get-dashboard";
import { orNotFound } from "@/lib/instructor/or-not-found";

export const metadata: Metadata = { title: "Assignment dashboard" };
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export default async function AssignmentDashboard({ params }: Params) {
  const { slug } = await params;
  const actor = await requireStaffPage(`/instructor/assignments/${slug}`);
  const d = await orNotFound(getDashboard({ ctx: { db: await getDb(), actor }, input: { assignment: slug } }));
  const t = d.totals;
  const running = d.regrades.length ? d.regrades[0]! : null;
  // Teaching assistants see no controls they cannot use (settings, leaderboard controls: instructors only).
  const isInstructor = actor.role === "instructor";
  return (
    <section aria-labelledby="dash-title">
      <p className="muted">
        <Link href="/instructor">Instructor console</Link> · <Link href={`/assignments/${d.slug}`}>student page</Link> ·{" "}
        <Link href={`/instructor/assignments/${d.slug}/similarity`}>similarity report</Link>
        {isInstructor ? (
          <>
            {" · "}
            <Link href={`/instructor/assignments/${d.slug}/settings`}>settings</Link>
          </>
        ) : null}
      </p>
      <h1 id="dash-title">{d.title}</h1>
      <p className="muted">
        {d.points} points · due {utc(d.due)} · late policy{" "}
        {d.latePolicy
          ? `${d.latePolicy.penalty_per_day * 100}% per started day, at most ${d.latePolicy.max_penalty * 100}%, ${d.latePolicy.grace_minutes} min grace`
          : "none (no late submissions)"}{" "}
        · quota {d.quota.daily} a day, cooldown {d.quota.cooldown_seconds} s (as they apply now
        {isInstructor ? (
          <>
            ; <Link href={`/instructor/assignments/${d.slug}/settings`}>change them</Link>
          </>
        ) : null}
        )
      </p>
      <dl className={styles.stats}>
        {[
          ["Submissions", String(t.total)],
          ["Pending", String(t.pending)],
          ["Students submitted", `${d.students.submitted} / ${d.students.total}`],
          ["Students passing", percent(d.students.passed, d.students.submitted)],
          ["Submissions passing", percent(t.passed, t.graded)],
          ["Median grading time", seconds(t.medianGradingSeconds)],
          ["Median turnaround", seconds(t.medianTurnaroundSeconds)],
          ["Platform failures", String(t.platformFailed)],
        ].map(([k, v]) => (
          <div key={k} className={styles.stat}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h2>Submissions over time</h2>
      <BarChart
        caption="Submissions per UTC day (red: runs with an error or a platform failure)"
        bars={d.daily.map((x) => ({ label: x.day.slice(5), value: x.total, failed: x.failed }))}
      />
      <h2>Score distribution</h2>
      <BarChart
        caption="Students by final grade, in tenths of the points"
        bars={d.distribution.map((n, i) => ({ label: `${i * 10}–${i === 9 ? 100 : i * 10 + 9}%`, value: n }))}
      />
      <h2>Failures by error kind</h2>
      {d.errorKinds.length ? (
        <ul>
          {d.errorKinds.map((e) => (
            <li key={e.kind}>
              {e.kind}: {e.n}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No graded run had an error.</p>
      )}
      <h2>Regrade</h2>
      <RegradeButton target={{ assignment: d.slug }} label="Regrade all submissions" />
      {running ? (
        <div>
          <p className="muted">
            Latest regrade ({running.scope === "all" ? "all submissions" : "one submission"}, {utc(running.createdAt)}):
          </p>
          <RegradeProgress id={running.id} />
        </div>
      ) : null}
      {d.leaderboard ? (
        <>
          <h2>Leaderboard</h2>
          <p>
            Metric <code>{d.leaderboard.metric}</code> (
            {d.leaderboard.order === "desc" ? "higher is better" : "lower is better"}) · private board{" "}
            {d.leaderboard.revealedAt ? `revealed ${utc(d.leaderboard.revealedAt)}` : "hidden"} ·{" "}
            {d.leaderboard.frozenAt ? `frozen at ${utc(d.leaderboard.frozenAt)}` : "live"} · {d.leaderboard.hiddenRows}{" "}
            hidden row(s) · <Link href={`/assignments/${d.slug}/leaderboard`}>open the board</Link>
          </p>
          {isInstructor ? (
            <LeaderboardControls
              assignment={d.slug}
              revealed={!!d.leaderboard.revealedAt}
              frozen={!!d.leaderboard.frozenAt}
            />
          ) : (
            <p className="muted">Only an instructor can reveal, freeze or hide rows of the board.</p>
          )}
        </>
      ) : null}
      <h2>Students</h2>
      <p>
        Export: <a href={`/api/instructor/grades?assignment=${d.slug}&format=csv`}>CSV</a> ·{" "}
        <a href={`/api/instructor/grades?assignment=${d.slug}&format=json`}>JSON</a> ·{" "}
        <a href={`/api/instructor/grades?assignment=${d.slug}&format=canvas`}>Canvas</a> ·{" "}
        <a href={`/api/instructor/grades?assignment=${d.slug}&format=moodle`}>Moodle</a>
      </p>
      <div className={styles.scroll}>
        <table data-testid="students">
          <thead>
            <tr>
              <th scope="col">Student</th>
              <th scope="col" className={styles.num}>
                Submissions
              </th>
              <th scope="col" className={styles.num}>
                Best score
              </th>
              <th scope="col" className={styles.num}>
                Late penalty
              </th>
              <th scope="col" className={styles.num}>
                Adjustment
              </th>
              <th scope="col" className={styles.num}>
                Final
              </th>
              <th scope="col">Extension</th>
              <th scope="col">Quota</th>
            </tr>
          </thead>
          <tbody>
            {d.grades.map((g) => (
              <tr key={g.userId}>
                <td>
                  <Link href={`/instructor/assignments/${d.slug}/students/${g.userId}`}>{g.email}</Link>
                  {g.name ? <span className="muted"> {g.name}</span> : null}
                </td>
                <td className={styles.num}>{g.attempts}</td>
                <td className={styles.num}>
                  {g.submissionId ? (
                    <Link href={`/instructor/submissions/${g.submissionId}`}>{num(g.score)}</Link>
                  ) : (
                    "—"
                  )}
                </td>
                <td className={styles.num}>{g.latePenalty ? `−${num(g.latePenalty)} (${g.daysLate} d)` : "0"}</td>
                <td className={styles.num}>{g.adjustment ? num(g.adjustment) : "0"}</td>
                <td className={styles.num}>
                  {num(g.final)} / {num(g.maxScore)}
                </td>
                <td>{g.extensionUntil ? utc(g.extensionUntil) : "—"}</td>
                <td>
                  {g.quota
                    ? `${g.quota.daily ?? d.quota.daily}/day, ${g.quota.cooldownSeconds ?? d.quota.cooldown_seconds} s`
                    : "default"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Recent submissions</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Submitted</th>
            <th scope="col">Student</th>
            <th scope="col">Status</th>
            <th scope="col" className={styles.num}>
              Score
            </th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {d.recent.map((s) => (
            <tr key={s.id}>
              <td>
                <Link href={`/instructor/submissions/${s.id}`}>{utc(s.createdAt)}</Link>
              </td>
              <td>{s.email}</td>
              <td>{s.status}</td>
              <td className={styles.num}>{s.score === null ? "—" : `${num(s.score)} / ${num(s.maxScore)}`}</td>
              <td>{s.errorKind ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
