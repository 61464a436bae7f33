import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { utc } from "@/components/instructor/format";
import { SaveSectionForm, SectionDeadlineForm } from "@/components/offerings/section-forms";
import { requireInstructorPage } from "@/lib/auth/current-user";
import { listAssignments } from "@/lib/content/assignments";
import { AppError } from "@/lib/errors";
import { offeringContentDir } from "@/lib/offerings/offering-course";
import { listOfferingSections } from "@/lib/offerings/sections";

export const metadata: Metadata = { title: "Sections" };
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export default async function SectionsPage({ params }: Params) {
  const { slug } = await params;
  const actor = await requireInstructorPage(`/instructor/offerings/${encodeURIComponent(slug)}/sections`);
  const view = await listOfferingSections({ ctx: { db: await getDb(), actor }, input: { offering: slug } }).catch(
    (err: unknown) => {
      if (err instanceof AppError && err.code === "forbidden") forbidden();
      if (err instanceof AppError && (err.code === "not_found" || err.code === "validation")) notFound();
      throw err;
    },
  );
  // The offering's own course package (not the viewer's active offering's).
  const db = await getDb();
  const assignments = (await listAssignments(await offeringContentDir(db, slug))).map((a) => ({
    slug: a.slug,
    title: a.config.title,
  }));
  const titleOf = new Map(assignments.map((a) => [a.slug, a.title]));
  return (
    <section aria-labelledby="sections-title">
      <p className="muted">
        <Link href="/instructor/offerings">Offerings</Link>
      </p>
      <h1 id="sections-title">
        Sections of <code>{slug}</code>
      </h1>
      <p>
        Students are put in a section by the roster import&apos;s <code>section</code> column. A section&apos;s own due
        date wins over the offering&apos;s; a student&apos;s extension wins over both.
      </p>
      {view.sections.length === 0 ? (
        <p data-testid="no-sections">This offering has no sections yet.</p>
      ) : (
        <table data-testid="sections">
          <thead>
            <tr>
              <th scope="col">Section</th>
              <th scope="col">Title</th>
              <th scope="col">People</th>
              <th scope="col">Own due dates</th>
            </tr>
          </thead>
          <tbody>
            {view.sections.map((s) => {
              const due = view.deadlines.filter((d) => d.section === s.slug);
              return (
                <tr key={s.slug}>
                  <td>
                    <code>{s.slug}</code>
                  </td>
                  <td>{s.title}</td>
                  <td>{view.members[s.slug] ?? 0}</td>
                  <td>
                    {due.length === 0
                      ? "none (the offering's apply)"
                      : due.map((d) => (
                          <span key={d.assignment} data-testid={`section-due-${s.slug}-${d.assignment}`}>
                            {titleOf.get(d.assignment) ?? d.assignment}: {utc(d.dueAt)}
                            <br />
                          </span>
                        ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>Add or rename a section</h2>
      <SaveSectionForm offering={slug} />
      {view.sections.length > 0 ? (
        <>
          <h2>A section&apos;s own due date</h2>
          <SectionDeadlineForm
            offering={slug}
            sections={view.sections.map((s) => ({ slug: s.slug, title: s.title }))}
            assignments={assignments}
          />
        </>
      ) : null}
    </section>
  );
}
