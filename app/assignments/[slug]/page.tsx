import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { Workspace } from "@/components/workspace/workspace";
import { getAssignmentPage } from "@/lib/content/assignment-page";
import { layerSettings } from "@/lib/content/effective-settings";
import { readWorkspaceFiles } from "./workspace-files";
import { ContentProblems } from "@/components/preview/content-problems";
import { loadForPage } from "@/lib/content/preview";
import { activeContentDir } from "@/lib/offerings/active-content";

type Params = { params: Promise<{ slug: string }> };

// The page is the same for everyone (README, rubric, starter, public tests); the student's draft, quota and
// results are fetched by the workspace in the browser.
// Rendered from the served course package at request time (COURSE_DIR or ./content; compiled MDX is cached by
// content), so a course is served by the existing build: no rebuild when the course changes. Due date, late policy,
// quota and rubric are the term's settings (lib/content/effective-settings.ts), read per request too.
export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const page = await getAssignmentPage((await params).slug, await activeContentDir());
  return { title: page?.config.title ?? "Assignment" };
}

export default async function AssignmentPage({ params }: Params) {
  const { slug } = await params;
  const dir = await activeContentDir();
  const loaded = await loadForPage(async () => {
    const found = await getAssignmentPage(slug, dir);
    return found ? { page: found, files: await readWorkspaceFiles(slug, dir) } : null;
  });
  if (!loaded.ok) return <ContentProblems problems={loaded.problems} />;
  if (!loaded.value) notFound();
  const { page, files } = loaded.value;
  // A signed-in student sees their active offering's term settings (docs/offerings.md); visitors the default's.
  const offering = (await getActor().catch(() => null))?.offering;
  const [{ config }] = await layerSettings(await getDb(), [page], offering);
  // Hidden rubric items are named on no student page: only their count and points are shown.
  const shown = config.rubric.filter((r) => r.visibility !== "hidden");
  const hidden = config.rubric.filter((r) => r.visibility === "hidden");
  const late = config.late_policy;
  return (
    <Workspace slug={slug} starter={files.starter} publicTests={files.publicTests} passThreshold={config.pass_threshold} points={config.points}>
      <article aria-labelledby="assignment-title">
        <p className="muted">
          <Link href="/assignments">Assignments</Link> · lesson <Link href={`/lessons/${config.lesson}`}>{config.lesson}</Link> ·{" "}
          <Link href={`/assignments/${slug}/history`}>your submissions</Link>
        </p>
        <h1 id="assignment-title">{config.title}</h1>
        <p>{config.summary}</p>
        <p className="muted">
          {config.points} points · due <time dateTime={config.due.toISOString()}>{config.due.toISOString().slice(0, 16).replace("T", " ")} UTC</time> ·{" "}
          {config.quota.daily} graded submissions a day
          {config.quota.cooldown_seconds ? `, ${config.quota.cooldown_seconds} s apart` : ""} ·{" "}
          {late
            ? `late work loses ${Math.round(late.penalty_per_day * 100)}% a day (at most ${Math.round(late.max_penalty * 100)}%)${late.grace_minutes ? ` after ${late.grace_minutes} minutes' grace` : ""}`
            : "no late submissions"}
        </p>
        <section aria-labelledby="task-title" className="prose">
          <h2 id="task-title">The task</h2>
          {page.readme}
        </section>
        <section aria-labelledby="rubric-title">
          <h2 id="rubric-title">Rubric</h2>
          <ul>
            {shown.map((r) => (
              <li key={r.check}>
                {r.title ?? r.check}: {r.points} points{r.visibility === "after_due_date" ? " (shown after the due date)" : ""}
              </li>
            ))}
            {hidden.length ? (
              <li>
                {hidden.length} hidden {hidden.length === 1 ? "check" : "checks"}: {hidden.reduce((s, r) => s + r.points, 0)} points
              </li>
            ) : null}
          </ul>
        </section>
      </article>
    </Workspace>
  );
}
