import { getActor } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * Who is signed in (for the static pages' header), or null: `role` is their role in the active offering, named by
 * `offering` (docs/offerings.md); an explicit `?offering=` they are not in is a 403.
 */
export async function GET(): Promise<Response> {
  try {
    const actor = await getActor();
    return Response.json(
      {
        user: actor
          ? { email: actor.email, name: actor.name, role: actor.role, offering: actor.offering ?? "default" }
          : null,
      },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (err) {
    return errorResponse(err);
  }
}
