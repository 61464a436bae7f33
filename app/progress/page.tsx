import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requireActorPage } from "@/lib/auth/current-user";
import { listAssignments, listLessons } from "@/lib/content/lessons";
import { getProgress } from "@/lib/progress/get-progress";

export const metadata: Metadata = { title: "Progress" };
export const dynamic = "force-dynamic";

export default async function ProgressPage() {
  const actor = await requireActorPage("/progress");
  const [progress, lessons, assignments] = await Promise.all([
    getProgress({ ctx: { db: await getDb(), actor } }),
    listLessons(),
    listAssignments(),
  ]);
  const read = new Set(progress.lessonsRead);
  const byAssignment = new Map(progress.assignments.map((a) => [a.slug, a]));
  return (
    <section aria-labelledby="progress-title">
      <h1 id="progress-title">Your progress</h1>
      <p>
        {read.size} of {lessons.length} lessons read · {progress.assignments.filter((a) => a.passed).length} of {assignments.length} assignments passed
      </p>
      <h2>Assignments</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Assignment</th>
            <th scope="col">Due</th>
            <th scope="col">Best score</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {assignments.map(({ slug, config }) => {
            const p = byAssignment.get(slug);
            return (
              <tr key={slug}>
                <td>
                  <Link href={`/assignments/${slug}`}>{config.title}</Link>
                </td>
                <td>
                  <time dateTime={config.due.toISOString()}>{config.due.toISOString().slice(0, 10)}</time>
                </td>
                <td>{p?.best == null ? "—" : `${p.best} / ${config.points}`}</td>
                <td>{p?.passed ? "passed" : p?.best == null ? "not submitted" : "not passed yet"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>Lessons</h2>
      <ul>
        {lessons.map((l) => (
          <li key={l.slug}>
            <Link href={`/lessons/${l.slug}`}>{l.title}</Link> {read.has(l.slug) ? <span className="badge">read</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
