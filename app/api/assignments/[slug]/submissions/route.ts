import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http";
import { listSubmissionHistory } from "@/lib/submissions/list-submission-history";

export const dynamic = "force-dynamic";

/** The signed-in student's own submissions of this assignment (visible scores, late penalty) and quota. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    const ctx = { db: await getDb(), actor: await getActor() };
    return Response.json(await listSubmissionHistory({ ctx, input: { assignment: (await params).slug } }));
  } catch (err) {
    return errorResponse(err);
  }
}
