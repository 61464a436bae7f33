import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { errorResponse, readJson } from "@/lib/http";
import { chooseSubmission } from "@/lib/leaderboards/choose-submission";

/** Body: `{ "submissionId": id | null }`: which of my submissions counts on the board (null: my best). */
export async function PUT(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    const actor = await getActor();
    const body = await readJson(request);
    const input = body && typeof body === "object" ? { ...body, assignment: (await params).slug } : body;
    return Response.json(await chooseSubmission({ ctx: { db: await getDb(), actor }, input }));
  } catch (err) {
    return errorResponse(err);
  }
}
