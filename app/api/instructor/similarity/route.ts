import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse, readJson } from "@/lib/http";
import { listSimilarityReports } from "@/lib/similarity/list-reports";
import { requestSimilarityReport } from "@/lib/similarity/request-report";
import { serverEnqueueSimilarity } from "@/lib/similarity/runtime";

export const dynamic = "force-dynamic";

/** Body: `{ "assignment": slug, "threshold"?: 0..1, "k"?: int, "window"?: int }` → 202 with the queued report. */
export async function POST(request: Request): Promise<Response> {
  try {
    // Refuse students before reading the body, so every non-staff caller gets 403 whatever they send.
    const actor = authorize(await getActor(), "staff");
    const input = await readJson(request);
    const ctx = { db: await getDb(), actor, enqueueSimilarity: serverEnqueueSimilarity };
    return Response.json(await requestSimilarityReport({ ctx, input }), { status: 202 });
  } catch (err) {
    return errorResponse(err);
  }
}

/** `?assignment=slug`: the assignment's reports, newest first. */
export async function GET(request: Request): Promise<Response> {
  try {
    const actor = authorize(await getActor(), "staff");
    const assignment = new URL(request.url).searchParams.get("assignment") ?? undefined;
    return Response.json(await listSimilarityReports({ ctx: { db: await getDb(), actor }, input: { assignment } }), {
      headers: { "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
