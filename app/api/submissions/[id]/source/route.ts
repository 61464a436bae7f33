import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http";
import { getSubmissionSource } from "@/lib/submissions/history-source";

export const dynamic = "force-dynamic";

/** The submitted code: for its owner or an instructor; 404 for anyone else. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    return Response.json(
      await getSubmissionSource({ ctx: { db: await getDb(), actor: await getActor() }, input: await params }),
    );
  } catch (err) {
    return errorResponse(err);
  }
}
