import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requireActorPage } from "@/lib/auth/current-user";
import { listEffectiveAssignments } from "@/lib/content/effective-settings";
import { listLessons } from "@/lib/content/lessons";
import { getProgress } from "@/lib/progress/get-progress";
import { listAssignmentGrades } from "@/lib/submissions/list-assignment-grades";
import { activeContentDir } from "@/lib/offerings/active-content";

export const metadata: Metadata = { title: "Progress" };
export const dynamic = "force-dynamic";

export default async function ProgressPage() {
  const actor = await requireActorPage("/progress");
  const ctx = { db: await getDb(), actor };
  const dir = await activeContentDir();
  const [progress, lessons, assignments, grades] = await Promise.all([
    getProgress({ ctx }),
    listLessons(dir),
    listEffectiveAssignments(ctx.db, dir, actor.offering),
    listAssignmentGrades({ ctx }),
  ]);
  const read = new Set(progress.lessonsRead);
  const gradeOf = new Map(grades.map((g) => [g.slug, g]));
  return (
    <section aria-labelledby="progress-title">
      <h1 id="progress-title">Your progress</h1>
      <p className="muted">
        <Link href="/join">Your offerings, or join one with a code</Link>
      </p>
      <p>
        {read.size} of {lessons.length} lessons read · {grades.filter((g) => g.passed).length} of {assignments.length}{" "}
        assignments passed
      </p>
      <h2>Assignments</h2>
      <table data-testid="progress-assignments">
        <thead>
          <tr>
            <th scope="col">Assignment</th>
            <th scope="col">Due</th>
            <th scope="col">Best score</th>
            <th scope="col">Late penalty</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {assignments.map(({ slug, config }) => {
            const g = gradeOf.get(slug);
            const best = g?.best ?? null;
            const extended = g && g.deadline !== g.due;
            return (
              <tr key={slug} data-testid="progress-row" data-assignment={slug}>
                <td>
                  <Link href={`/assignments/${slug}`} className="target-link">
                    {config.title}
                  </Link>
                  {g?.submissions ? (
                    <div>
                      <Link href={`/assignments/${slug}/history`} className="muted target-link">
                        {g.submissions} {g.submissions === 1 ? "submission" : "submissions"}
                      </Link>
                    </div>
                  ) : null}
                </td>
                <td>
                  <time dateTime={config.due.toISOString()}>
                    {config.due.toISOString().slice(0, 16).replace("T", " ")} UTC
                  </time>
                  {extended ? (
                    <div className="muted">extended to {g.deadline.slice(0, 16).replace("T", " ")} UTC</div>
                  ) : null}
                  <div className="muted">
                    {config.late_policy
                      ? `late: −${Math.round(config.late_policy.penalty_per_day * 100)}%/day, at most −${Math.round(config.late_policy.max_penalty * 100)}%`
                      : "no late work"}
                  </div>
                </td>
                <td>{best === null ? "—" : `${best.finalScore} / ${config.points}`}</td>
                <td>
                  {best === null
                    ? "—"
                    : best.penalty > 0
                      ? `−${Math.round(best.penalty * 100)}% (${best.daysLate} d late; ${best.score} before)`
                      : "none"}
                </td>
                <td>
                  {g?.passed
                    ? "passed"
                    : best === null
                      ? g?.submissions
                        ? "no graded result yet"
                        : "not submitted"
                      : "not passed yet"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>Lessons</h2>
      <ul>
        {lessons.map((l) => (
          <li key={l.slug}>
            <Link href={`/lessons/${l.slug}`}>{l.title}</Link>{" "}
            {read.has(l.slug) ? <span className="badge">read</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
