import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse } from "@/lib/http";
import { getSimilarityReport } from "@/lib/similarity/get-report";

export const dynamic = "force-dynamic";

/** The report with its pairs at or above its threshold (`?min=0..1` raises it). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = authorize(await getActor(), "staff");
    const { id } = await params;
    const min = new URL(request.url).searchParams.get("min");
    const input = { id, ...(min !== null ? { min: Number(min) } : {}) };
    return Response.json(await getSimilarityReport({ ctx: { db: await getDb(), actor }, input }), {
      headers: { "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
