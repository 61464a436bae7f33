import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http";
import { listMyOfferings } from "@/lib/offerings/list-offerings";

export const dynamic = "force-dynamic";

/**
 * Who is signed in (for the static pages' header), or null: `role` is their role in the active offering, named by
 * `offering` (docs/offerings.md); an explicit `?offering=` they are not in is a 403. `offerings` lists the ones the
 * header's switcher offers (slug, title and role only: join codes stay on the console).
 */
export async function GET(): Promise<Response> {
  try {
    const actor = await getActor();
    if (!actor) return Response.json({ user: null }, { headers: { "cache-control": "no-store" } });
    const mine = await listMyOfferings({ ctx: { db: await getDb(), actor } });
    const offerings = mine.offerings
      .filter((o) => !o.archived || o.active)
      .map((o) => ({ slug: o.slug, title: o.title, role: o.role }));
    return Response.json(
      {
        user: {
          email: actor.email,
          name: actor.name,
          role: actor.role,
          offering: actor.offering ?? "default",
          offerings,
        },
      },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (err) {
    return errorResponse(err);
  }
}
