import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { utc } from "@/components/instructor/format";
import {
  ArchiveOfferingButton,
  CreateOfferingForm,
  EditOfferingForm,
  JoinCodeControls,
} from "@/components/offerings/offering-forms";
import { requireInstructorPage } from "@/lib/auth/current-user";
import { courseNames } from "@/lib/content/course-registry";
import { isInstallationInstructor } from "@/lib/context";
import { listMyOfferings } from "@/lib/offerings/list-offerings";

export const metadata: Metadata = { title: "Offerings" };
export const dynamic = "force-dynamic";

export default async function OfferingsPage() {
  const actor = await requireInstructorPage("/instructor/offerings");
  const { offerings } = await listMyOfferings({ ctx: { db: await getDb(), actor } });
  return (
    <section aria-labelledby="offerings-title">
      <p className="muted">
        <Link href="/instructor">Instructor console</Link>
      </p>
      <h1 id="offerings-title">Offerings</h1>
      <p>
        Each offering has its own roster, settings, leaderboards and grades. Open the console of one with{" "}
        <code>?offering=slug</code>; students join with the code while joining is on.
      </p>
      <table data-testid="offerings">
        <thead>
          <tr>
            <th scope="col">Offering</th>
            <th scope="col">Course</th>
            <th scope="col">Term</th>
            <th scope="col">Dates</th>
            <th scope="col">Join code</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {offerings.map((o) => (
            <tr key={o.slug}>
              <td>
                <Link href={`/instructor?offering=${o.slug}`}>{o.title}</Link> (<code>{o.slug}</code>)
                {o.active ? " · active" : ""}
                {o.role === "instructor" ? (
                  <>
                    {" "}
                    · <Link href={`/instructor/offerings/${o.slug}/sections`}>sections</Link>
                  </>
                ) : null}
              </td>
              <td>
                <code>{o.course}</code>
              </td>
              <td>{o.term ?? "—"}</td>
              <td>
                {o.startsAt ? utc(o.startsAt) : "—"} to {o.endsAt ? utc(o.endsAt) : "—"}
              </td>
              <td>
                {o.role === "instructor" ? (
                  <>
                    <code>{o.joinCode ?? "none yet"}</code> {o.joinEnabled ? "(on)" : "(off)"}{" "}
                    <JoinCodeControls offering={o.slug} enabled={!!o.joinEnabled} />
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td>
                {o.archived ? "archived" : "open"}{" "}
                {o.role === "instructor" && o.slug !== "default" ? (
                  <ArchiveOfferingButton offering={o.slug} archived={o.archived} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {offerings.some((o) => o.role === "instructor") ? <h2>Edit an offering</h2> : null}
      {offerings
        .filter((o) => o.role === "instructor")
        .map((o) => (
          <details key={o.slug}>
            <summary>
              {o.title} (<code>{o.slug}</code>)
            </summary>
            <EditOfferingForm
              offering={{
                slug: o.slug,
                title: o.title,
                term: o.term,
                startsAt: o.startsAt ? o.startsAt.toISOString() : null,
                endsAt: o.endsAt ? o.endsAt.toISOString() : null,
                archived: o.archived,
              }}
            />
          </details>
        ))}
      {isInstallationInstructor(actor) ? (
        <>
          <h2>Create an offering</h2>
          <CreateOfferingForm courses={courseNames()} />
        </>
      ) : (
        <p className="muted">Only the installation's instructors create offerings.</p>
      )}
    </section>
  );
}
