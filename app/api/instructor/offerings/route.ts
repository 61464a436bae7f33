import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse, readJson } from "@/lib/http";
import { createOffering } from "@/lib/offerings/create-offering";
import { listMyOfferings } from "@/lib/offerings/list-offerings";

export const dynamic = "force-dynamic";

/** The offerings this instructor may manage, join codes included where they teach (docs/offerings.md). */
export async function GET(): Promise<Response> {
  try {
    const actor = authorize(await getActor(), "instructor");
    return Response.json(await listMyOfferings({ ctx: { db: await getDb(), actor } }), {
      headers: { "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}

/** `{ slug, title, term?, startsAt?, endsAt? }` → the new offering (installation instructors only). */
export async function POST(request: Request): Promise<Response> {
  try {
    // Refuse TAs and students before reading the body.
    const actor = authorize(await getActor(), "instructor");
    const input = await readJson(request);
    return Response.json(await createOffering({ ctx: { db: await getDb(), actor }, input }), { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
