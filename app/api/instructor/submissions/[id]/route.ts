import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http";
import { getSubmissionDetail } from "@/lib/instructor/get-submission-detail";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    return Response.json(
      await getSubmissionDetail({ ctx: { db: await getDb(), actor: await getActor() }, input: await params }),
      {
        headers: { "cache-control": "no-store" },
      },
    );
  } catch (err) {
    return errorResponse(err);
  }
}
