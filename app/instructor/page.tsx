import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { utc } from "@/components/instructor/format";
import { PeopleTable } from "@/components/instructor/people-table";
import { AuditList } from "@/components/instructor/audit-list";
import { requireStaffPage } from "@/lib/auth/current-user";
import { getOverview } from "@/lib/instructor/get-overview";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Instructor" };
export const dynamic = "force-dynamic";

export default async function InstructorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireStaffPage("/instructor");
  const { page } = await searchParams;
  const ctx = { db: await getDb(), actor };
  const [overview, people] = await Promise.all([getOverview({ ctx }), listUsers({ ctx, input: { page } })]);
  return (
    <section aria-labelledby="instructor-title">
      <h1 id="instructor-title">Instructor console</h1>
      <p className="muted" data-testid="active-offering">
        Offering <code>{actor.offering ?? "default"}</code> (switch with <code>?offering=slug</code> or on{" "}
        <Link href="/join">your offerings</Link>
        {actor.role === "instructor" ? (
          <>
            ; manage them on <Link href="/instructor/offerings">Offerings</Link>
          </>
        ) : null}
        ).
      </p>
      {actor.role === "instructor" ? (
        <p>
          <Link href="/instructor/course">Course versions</Link>: the live version of the course, the last attempt to publish one, and the Publish button.
        </p>
      ) : null}
      {actor.role === "instructor" ? (
        <p>
          <Link href="/instructor/lti">LMS (LTI 1.3)</Link>: register your LMS, sync its roster, and see the grades sent to its gradebook.
        </p>
      ) : (
        <p className="muted">You are a teaching assistant: you can view submissions, regrade, grant extensions and adjust scores; settings, course versions, leaderboard controls and the roster are for instructors.</p>
      )}
      <h2>Assignments</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Assignment</th>
            <th scope="col">Due</th>
            <th scope="col">Submissions</th>
            <th scope="col">Pending</th>
            <th scope="col">Graded</th>
            <th scope="col">Platform failures</th>
            <th scope="col">Leaderboard</th>
          </tr>
        </thead>
        <tbody>
          {overview.assignments.map((a) => (
            <tr key={a.slug}>
              <td>
                <Link href={`/instructor/assignments/${a.slug}`}>{a.title}</Link> <span className="muted">({a.slug})</span>
              </td>
              <td>{utc(a.due)}</td>
              <td>{a.total}</td>
              <td>{a.pending}</td>
              <td>{a.graded}</td>
              <td>{a.failed}</td>
              <td>{a.leaderboard ? <Link href={`/assignments/${a.slug}/leaderboard`}>board</Link> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Course grades: <a href="/api/instructor/grades?format=csv">CSV</a> · <a href="/api/instructor/grades?format=json">JSON with full results</a> ·{" "}
        <a href="/api/instructor/grades?format=canvas">Canvas gradebook CSV</a> · <a href="/api/instructor/grades?format=moodle">Moodle grade import CSV</a>. From the
        shell: <code>npm run --silent course -- export-grades [--assignment SLUG] --format csv</code>.
      </p>
      <h2>Recent instructor actions</h2>
      <AuditList rows={overview.audit} />
      <h2>People</h2>
      <p>
        {people.counts.student} students, {people.counts.ta} teaching assistants and {people.counts.instructor} instructors. Add accounts from the shell with{" "}
        <code>npm run course -- user add --email E --role instructor</code>, or import a roster with{" "}
        <code>npm run course -- roster import FILE --dry-run</code> (docs/rosters.md).
      </p>
      <PeopleTable rows={people.rows} />
    </section>
  );
}
