import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http";
import { getProgress } from "@/lib/progress/get-progress";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    return Response.json(await getProgress({ ctx: { db: await getDb(), actor: await getActor() } }), {
      headers: { "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
