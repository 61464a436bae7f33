import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { listEffectiveAssignments } from "@/lib/content/effective-settings";
import { listLessons } from "@/lib/content/lessons";
import { ContentProblems } from "@/components/preview/content-problems";
import { loadForPage } from "@/lib/content/preview";
import { activeContentDir } from "@/lib/offerings/active-content";

// Rendered from the served course package at request time (COURSE_DIR or ./content; compiled MDX is cached by
// content), so a course is served by the existing build: no rebuild when the course changes.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Assignments" };

function formatDue(date: Date): string {
  return date.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

export default async function AssignmentsPage() {
  // A signed-in student sees their active offering's due dates (docs/offerings.md); visitors the default's.
  const offering = (await getActor().catch(() => null))?.offering;
  const dir = await activeContentDir();
  const loaded = await loadForPage(async () =>
    Promise.all([listEffectiveAssignments(await getDb(), dir, offering), listLessons(dir)]),
  );
  if (!loaded.ok) return <ContentProblems problems={loaded.problems} />;
  const [assignments, lessons] = loaded.value;
  const lessonTitle = new Map(lessons.map((l) => [l.slug, l.title]));
  return (
    <section aria-labelledby="assignments-title">
      <h1 id="assignments-title">Assignments</h1>
      {assignments.length === 0 ? <p>No assignments are published yet.</p> : null}
      <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
        {assignments.map(({ slug, config }) => (
          <li key={slug} className="card">
            <h2 style={{ marginTop: 0, fontSize: "1.2rem" }}>
              <Link href={`/assignments/${slug}`}>{config.title}</Link>
            </h2>
            <p>{config.summary}</p>
            <dl className="muted" style={{ display: "grid", gridTemplateColumns: "auto 1fr", gap: "0 1rem", margin: 0 }}>
              <dt>Lesson</dt>
              <dd style={{ margin: 0 }}>
                <Link href={`/lessons/${config.lesson}`}>{lessonTitle.get(config.lesson) ?? config.lesson}</Link>
              </dd>
              <dt>Points</dt>
              <dd style={{ margin: 0 }}>{config.points}</dd>
              <dt>Due</dt>
              <dd style={{ margin: 0 }}>
                <time dateTime={config.due.toISOString()}>{formatDue(config.due)}</time>
              </dd>
              {config.leaderboard ? (
                <>
                  <dt>Leaderboard</dt>
                  <dd style={{ margin: 0 }}>{config.leaderboard.metric}</dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
