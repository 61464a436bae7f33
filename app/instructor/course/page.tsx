import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { utc } from "@/components/instructor/format";
import { PublishCourseButton } from "@/components/instructor/publish-course-button";
import styles from "@/components/instructor/instructor.module.css";
import { requireInstructorPage } from "@/lib/auth/current-user";
import { getCourseStatus } from "@/lib/instructor/get-course-status";

export const metadata: Metadata = { title: "Course versions" };
export const dynamic = "force-dynamic";

export default async function CoursePage() {
  const actor = await requireInstructorPage("/instructor/course");
  const s = await getCourseStatus({ ctx: { db: await getDb(), actor } });
  const a = s.lastAttempt;
  return (
    <section aria-labelledby="course-title">
      <p className="muted">
        <Link href="/instructor">Instructor console</Link>
      </p>
      <h1 id="course-title">Course versions</h1>
      {s.unpublished ? (
        <p data-testid="course-unpublished">
          This server reads the course folder <code>{s.serving}</code> directly (a preview, or a server started without
          publishing): every change is served as soon as it is saved.
        </p>
      ) : null}
      <h2>Live version</h2>
      {s.live ? (
        <dl data-testid="course-live">
          <dt>Version</dt>
          <dd>
            <code>{s.live.version}</code>
          </dd>
          <dt>Live since</dt>
          <dd>{utc(new Date(s.live.wentLiveAt))}</dd>
          <dt>Published from</dt>
          <dd>
            <code>{s.live.source}</code>
          </dd>
        </dl>
      ) : (
        <p>No version has been published on this machine yet.</p>
      )}
      <h2>Last attempt</h2>
      {a ? (
        <div data-testid="course-attempt">
          <p>
            <code>{a.version ?? "—"}</code> · <strong>{a.status}</strong> · {utc(new Date(a.at))} · by {a.by}
            {a.seconds !== null ? ` · ${a.seconds} s` : ""}
          </p>
          {a.status === "refused" ? (
            <>
              <p>It was refused, so the live version above kept serving. Fix these and publish again:</p>
              <ol className={styles.error}>
                {a.problems.map((p) => (
                  <li key={p}>
                    <code>{p}</code>
                  </li>
                ))}
              </ol>
            </>
          ) : null}
          {a.notes.length ? (
            <ul>
              {a.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <p>None yet.</p>
      )}
      <h2>Publish</h2>
      <p>
        Publishing validates <code>{s.source}</code> as a new version — course.yaml, every lesson and link, every
        assignment's rubric against its checks, every reference solution at 100% and every starter failing — and makes
        it live only when all of that passes.
      </p>
      {s.unpublished ? null : <PublishCourseButton validating={a?.status === "validating"} />}
      {s.packages.length ? (
        <>
          <h2>Other course packages</h2>
          <p>
            Named in <code>UNLABELED_COURSES</code>; each is validated and published when the platform (or a grader)
            starts, and each offering runs one of them.
          </p>
          <table data-testid="course-packages">
            <thead>
              <tr>
                <th scope="col">Package</th>
                <th scope="col">Published from</th>
                <th scope="col">Live version</th>
                <th scope="col">Last attempt</th>
              </tr>
            </thead>
            <tbody>
              {s.packages.map((p) => (
                <tr key={p.name}>
                  <td>
                    <code>{p.name}</code>
                  </td>
                  <td>
                    <code>{p.source}</code>
                  </td>
                  <td>{p.live ? <code>{p.live.version}</code> : s.unpublished ? "served from its folder" : "none"}</td>
                  <td>
                    {p.lastAttempt ? `${p.lastAttempt.status} · ${utc(new Date(p.lastAttempt.at))}` : "—"}
                    {p.lastAttempt?.status === "refused" ? (
                      <ol className={styles.error}>
                        {p.lastAttempt.problems.map((x) => (
                          <li key={x}>
                            <code>{x}</code>
                          </li>
                        ))}
                      </ol>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
