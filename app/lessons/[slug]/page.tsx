import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MarkReadOnFinish } from "@/components/progress/mark-read-on-finish";
import { getLesson, listLessons } from "@/lib/content/lessons";
import styles from "../lessons.module.css";
import { ContentProblems } from "@/components/preview/content-problems";
import { loadForPage } from "@/lib/content/preview";
import { activeContentDir } from "@/lib/offerings/active-content";

// Rendered from the served course package at request time (COURSE_DIR or ./content; compiled MDX is cached by
// content), so a course is served by the existing build: no rebuild when the course changes.
export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const lesson = (await listLessons(await activeContentDir())).find((l) => l.slug === slug);
  return lesson ? { title: lesson.title, description: lesson.summary } : {};
}

export default async function LessonPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const dir = await activeContentDir();
  const loaded = await loadForPage(() => Promise.all([getLesson(slug, dir), listLessons(dir)]));
  if (!loaded.ok) return <ContentProblems problems={loaded.problems} />;
  const [lesson, all] = loaded.value;
  if (!lesson) notFound();
  const index = all.findIndex((l) => l.slug === slug);
  const prev = all[index - 1];
  const next = all[index + 1];
  return (
    <div className={styles.layout}>
      <aside className={styles.aside}>
        {lesson.toc.length ? (
          <nav aria-label="On this page" className={styles.tocSticky}>
            <details className={styles.toc} open>
              <summary>On this page</summary>
              <ol>
                {lesson.toc.map((entry) => (
                  <li key={entry.id} className={entry.depth === 3 ? styles.depth3 : undefined}>
                    <a href={`#${entry.id}`}>{entry.text}</a>
                  </li>
                ))}
              </ol>
            </details>
          </nav>
        ) : null}
      </aside>
      <article>
        <p className={styles.breadcrumb}>
          <Link href="/lessons">Lessons</Link> · {lesson.meta.unit} · lesson {index + 1} of {all.length}
        </p>
        <h1 className={styles.title}>{lesson.meta.title}</h1>
        <p className={styles.summary}>{lesson.meta.summary}</p>
        {lesson.meta.minutes ? <p className={styles.meta}>About {lesson.meta.minutes} minutes of reading</p> : null}
        <div className="mdx-prose">{lesson.content}</div>
        <MarkReadOnFinish slug={slug} />
        <nav aria-label="Previous and next lesson" className={styles.pager}>
          {prev ? (
            <Link href={`/lessons/${prev.slug}`} rel="prev">
              <span className={styles.pagerLabel}>← Previous</span>
              <span className={styles.pagerTitle}>{prev.title}</span>
            </Link>
          ) : null}
          {next ? (
            <Link href={`/lessons/${next.slug}`} rel="next" className={styles.next}>
              <span className={styles.pagerLabel}>Next →</span>
              <span className={styles.pagerTitle}>{next.title}</span>
            </Link>
          ) : null}
        </nav>
      </article>
    </div>
  );
}
