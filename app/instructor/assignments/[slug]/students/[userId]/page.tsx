import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { AuditList } from "@/components/instructor/audit-list";
import { num, utc } from "@/components/instructor/format";
import { HideRowButton } from "@/components/instructor/leaderboard-controls";
import { StudentControls } from "@/components/instructor/student-controls";
import styles from "@/components/instructor/instructor.module.css";
import { requireStaffPage } from "@/lib/auth/current-user";
import { getStudentDetail } from "@/lib/instructor/get-student-detail";
import { orNotFound } from "@/lib/instructor/or-not-found";

export const metadata: Metadata = { title: "Student" };
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string; userId: string }> };

export default async function StudentPage({ params }: Params) {
  const { slug, userId } = await params;
  const actor = await requireStaffPage(`/instructor/assignments/${slug}/students/${userId}`);
  const d = await orNotFound(
    getStudentDetail({ ctx: { db: await getDb(), actor }, input: { assignment: slug, userId } }),
  );
  const g = d.grade;
  return (
    <section aria-labelledby="student-title">
      <p className="muted">
        <Link href="/instructor">Instructor console</Link> ·{" "}
        <Link href={`/instructor/assignments/${slug}`}>{d.assignment.title}</Link>
      </p>
      <h1 id="student-title">
        {d.user.email}
        {d.user.name ? <span className="muted"> ({d.user.name})</span> : null}
      </h1>
      {g ? (
        <p data-testid="student-grade">
          Counted score {num(g.score)} / {num(g.maxScore)} · late penalty {num(g.latePenalty)} ({g.daysLate} day(s)
          late) · adjustment {num(g.adjustment)} · <strong>final {num(g.final)}</strong> · deadline{" "}
          {utc(g.extensionUntil ?? d.assignment.due)}
        </p>
      ) : null}
      {d.assignment.hasLeaderboard ? (
        <p>
          Leaderboard row: {d.hiddenOnLeaderboard ? `hidden (${d.hiddenOnLeaderboard.reason})` : "shown"} ·{" "}
          {actor.role === "instructor" ? (
            <HideRowButton assignment={slug} userId={userId} hidden={!!d.hiddenOnLeaderboard} />
          ) : (
            <span className="muted">(only an instructor can hide or show a row)</span>
          )}
        </p>
      ) : null}
      <StudentControls
        userId={userId}
        assignment={slug}
        extensionUntil={d.overrides.extensionUntil?.toISOString() ?? null}
        quota={{
          daily: d.overrides.daily,
          cooldownSeconds: d.overrides.cooldownSeconds,
          defaults: { daily: d.assignment.quota.daily, cooldownSeconds: d.assignment.quota.cooldown_seconds },
        }}
        adjustment={d.adjustment?.points ?? 0}
      />
      <h2>Submissions</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Submitted</th>
            <th scope="col">Status</th>
            <th scope="col" className={styles.num}>
              Score
            </th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {d.submissions.map((s) => (
            <tr key={s.id}>
              <td>
                <Link href={`/instructor/submissions/${s.id}`}>{utc(s.createdAt)}</Link>
                {g?.submissionId === s.id ? <span className="badge">counted</span> : null}
              </td>
              <td>{s.status}</td>
              <td className={styles.num}>{s.score === null ? "—" : `${num(s.score)} / ${num(s.maxScore)}`}</td>
              <td>{s.errorKind ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Audit trail</h2>
      <AuditList rows={d.audit} />
    </section>
  );
}
