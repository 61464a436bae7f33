import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http";
import { getResultJson } from "@/lib/instructor/get-submission-detail";

export const dynamic = "force-dynamic";

/** The Gradescope-compatible result JSON as a download; `?result=<id>` picks one from the history. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const result = new URL(request.url).searchParams.get("result") ?? undefined;
    const out = await getResultJson({
      ctx: { db: await getDb(), actor: await getActor() },
      input: { id, ...(result ? { result } : {}) },
    });
    return new Response(`${JSON.stringify(out.result, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="result-${out.submissionId}.json"`,
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
