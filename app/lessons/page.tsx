import type { Metadata } from "next";
import Link from "next/link";
import { loadCourse } from "@/lib/content/course";
import { listLessons } from "@/lib/content/lessons";
import styles from "./lessons.module.css";
import { ContentProblems } from "@/components/preview/content-problems";
import { loadForPage } from "@/lib/content/preview";
import { activeContentDir } from "@/lib/offerings/active-content";

// Rendered from the served course package at request time (COURSE_DIR or ./content; compiled MDX is cached by
// content), so a course is served by the existing build: no rebuild when the course changes.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Lessons" };

export default async function LessonsIndexPage() {
  const dir = await activeContentDir();
  const loaded = await loadForPage(() => Promise.all([loadCourse(dir), listLessons(dir)]));
  if (!loaded.ok) return <ContentProblems problems={loaded.problems} />;
  const [course, lessons] = loaded.value;
  const bySlug = new Map(lessons.map((l) => [l.slug, l]));
  return (
    <>
      <h1>{course.title}</h1>
      {course.tagline ? <p className={styles.summary}>{course.tagline}</p> : null}
      {course.units.map((unit, u) => (
        <section key={unit.title} className={styles.unit} aria-labelledby={`unit-${u}`}>
          <h2 id={`unit-${u}`}>
            Unit {u + 1}: {unit.title}
          </h2>
          {unit.summary ? <p className={styles.unitSummary}>{unit.summary}</p> : null}
          <ol className={styles.lessonList}>
            {unit.lessons.map((slug) => {
              const lesson = bySlug.get(slug)!;
              return (
                <li key={slug}>
                  <Link href={`/lessons/${slug}`}>
                    {lessons.indexOf(lesson) + 1}. {lesson.title}
                  </Link>
                  <p>
                    {lesson.summary}
                    {lesson.minutes ? ` (${lesson.minutes} min)` : ""}
                  </p>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </>
  );
}
