import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse } from "@/lib/http";
import { listMyOfferings } from "@/lib/offerings/list-offerings";

export const dynamic = "force-dynamic";

/** The offerings the signed-in user may select, and the active one (the offering switcher). */
export async function GET(): Promise<Response> {
  try {
    const actor = authorize(await getActor());
    return Response.json(await listMyOfferings({ ctx: { db: await getDb(), actor } }), {
      headers: { "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
