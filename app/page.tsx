import Link from "next/link";
import { loadCourse } from "@/lib/content/course";
import { AssignmentMark, LessonReadMark, ProgressProvider } from "@/components/progress/progress-context";
import { listAssignments, listLessons } from "@/lib/content/lessons";
import { ContentProblems } from "@/components/preview/content-problems";
import { loadForPage } from "@/lib/content/preview";
import { activeContentDir } from "@/lib/offerings/active-content";

// Rendered from the served course package at request time (COURSE_DIR or ./content; compiled MDX is cached by
// content), so a course is served by the existing build: no rebuild when the course changes.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const dir = await activeContentDir();
  const loaded = await loadForPage(() => Promise.all([loadCourse(dir), listLessons(dir), listAssignments(dir)]));
  if (!loaded.ok) return <ContentProblems problems={loaded.problems} />;
  const [course, lessons, assignments] = loaded.value;
  const bySlug = new Map(lessons.map((l) => [l.slug, l]));
  const assignmentsByLesson = new Map<string, { slug: string; title: string }[]>();
  for (const a of assignments) {
    const list = assignmentsByLesson.get(a.config.lesson) ?? [];
    list.push({ slug: a.slug, title: a.config.title });
    assignmentsByLesson.set(a.config.lesson, list);
  }
  return (
    <ProgressProvider>
      <section aria-labelledby="course-title">
        <h1 id="course-title">{course.title}</h1>
        {course.tagline ? <p className="muted">{course.tagline}</p> : null}
      </section>
      {course.units.map((unit, u) => (
        <section key={unit.title} aria-labelledby={`unit-${u}`} className="unit">
          <h2 id={`unit-${u}`}>
            Unit {u + 1}: {unit.title}
          </h2>
          {unit.summary ? <p className="muted">{unit.summary}</p> : null}
          <ol className="grid" style={{ listStyle: "none", padding: 0 }}>
            {unit.lessons.map((slug) => {
              const lesson = bySlug.get(slug);
              if (!lesson) return null;
              return (
                <li key={slug} className="card">
                  <h3 style={{ marginTop: 0 }}>
                    <Link href={`/lessons/${slug}`}>{lesson.title}</Link> <LessonReadMark slug={slug} />
                  </h3>
                  <p>{lesson.summary}</p>
                  <p className="muted">
                    {lesson.minutes ? `${lesson.minutes} min read` : null}
                    {(assignmentsByLesson.get(slug) ?? []).map((a) => (
                      <span key={a.slug}>
                        {" · "}Assignment: <Link href={`/assignments/${a.slug}`}>{a.title}</Link> <AssignmentMark slug={a.slug} />
                      </span>
                    ))}
                  </p>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </ProgressProvider>
  );
}
