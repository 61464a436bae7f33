import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http";
import { listAudit } from "@/lib/instructor/list-audit";

export const dynamic = "force-dynamic";

/** `?assignment=SLUG&userId=ID&limit=N`, newest first. */
export async function GET(request: Request): Promise<Response> {
  try {
    const input = Object.fromEntries(new URL(request.url).searchParams.entries());
    return Response.json(await listAudit({ ctx: { db: await getDb(), actor: await getActor() }, input }), {
      headers: { "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
