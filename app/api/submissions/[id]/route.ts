import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http";
import { getSubmission } from "@/lib/submissions/get-submission";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    return Response.json(
      await getSubmission({ ctx: { db: await getDb(), actor: await getActor() }, input: await params }),
    );
  } catch (err) {
    return errorResponse(err);
  }
}
