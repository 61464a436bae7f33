import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { utc } from "@/components/instructor/format";
import { CreateOfferingForm, JoinCodeControls } from "@/components/offerings/offering-forms";
import { requireInstructorPage } from "@/lib/auth/current-user";
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
            <th scope="col">Term</th>
            <th scope="col">Dates</th>
            <th scope="col">Join code</th>
          </tr>
        </thead>
        <tbody>
          {offerings.map((o) => (
            <tr key={o.slug}>
              <td>
                <Link href={`/instructor?offering=${o.slug}`}>{o.title}</Link> (<code>{o.slug}</code>)
                {o.active ? " · active" : ""}
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
            </tr>
          ))}
        </tbody>
      </table>
      {isInstallationInstructor(actor) ? (
        <>
          <h2>Create an offering</h2>
          <CreateOfferingForm />
        </>
      ) : (
        <p className="muted">Only the installation's instructors create offerings.</p>
      )}
    </section>
  );
}
