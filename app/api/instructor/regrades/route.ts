import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { serverEnqueue } from "@/lib/grading/runtime";
import { errorResponse, readJson } from "@/lib/http";
import { startRegrade } from "@/lib/regrade/start-regrade";

/** Body: `{ "assignment": slug }` (all graded submissions) or `{ "submissionId": id }`. */
export async function POST(request: Request): Promise<Response> {
  try {
    // Refuse students before reading the body, so every non-instructor gets 403 whatever they send.
    const actor = authorize(await getActor(), "staff");
    const input = await readJson(request);
    return Response.json(await startRegrade({ ctx: { db: await getDb(), actor, enqueue: serverEnqueue }, input }), {
      status: 202,
    });
  } catch (err) {
    return errorResponse(err);
  }
}
