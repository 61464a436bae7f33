import { getActor } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";

/** Who is signed in (for the static pages' header), or null. */
export async function GET(): Promise<Response> {
  const actor = await getActor();
  return Response.json(
    { user: actor ? { email: actor.email, name: actor.name, role: actor.role } : null },
    { headers: { "cache-control": "no-store" } },
  );
}
