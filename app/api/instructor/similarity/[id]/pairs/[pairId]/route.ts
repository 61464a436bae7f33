import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse } from "@/lib/http";
import { getSimilarityPair } from "@/lib/similarity/get-pair";

export const dynamic = "force-dynamic";

/** One pair: both sources and the matched fragments, for the side-by-side view. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string; pairId: string }> },
): Promise<Response> {
  try {
    const actor = authorize(await getActor(), "staff");
    const { id, pairId } = await params;
    return Response.json(await getSimilarityPair({ ctx: { db: await getDb(), actor }, input: { id, pairId } }), {
      headers: { "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
