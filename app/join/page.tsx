import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { JoinForm, SelectOfferingButton } from "@/components/offerings/offering-forms";
import { requireActorPage } from "@/lib/auth/current-user";
import { listMyOfferings } from "@/lib/offerings/list-offerings";

export const metadata: Metadata = { title: "Your offerings" };
export const dynamic = "force-dynamic";

export default async function JoinPage() {
  const actor = await requireActorPage("/join");
  const { offerings } = await listMyOfferings({ ctx: { db: await getDb(), actor } });
  return (
    <section aria-labelledby="join-title">
      <h1 id="join-title">Your offerings</h1>
      <ul data-testid="my-offerings">
        {offerings.map((o) => (
          <li key={o.slug}>
            {o.title}
            {o.term ? ` (${o.term})` : ""} · {o.role}
            {o.active ? " · the one you are working in" : <SelectOfferingButton offering={o.slug} />}
          </li>
        ))}
      </ul>
      <h2>Join an offering</h2>
      <JoinForm />
    </section>
  );
}
