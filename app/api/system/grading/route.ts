import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { errorResponse, readJson } from "@/lib/http";
import { getGradingStatus } from "@/lib/system/get-grading-status";

export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

/** The grading banner's state: this server's grading prerequisites for instructors, null for anyone else. */
export async function GET(): Promise<Response> {
  try {
    return Response.json(
      { grading: await getGradingStatus({ ctx: { db: await getDb(), actor: await getActor() }, input: {} }) },
      { headers: noStore },
    );
  } catch (err) {
    return errorResponse(err);
  }
}

/** "Check again" (`{"recheck": true}`): checks the prerequisites now instead of waiting for the next minute. */
export async function POST(request: Request): Promise<Response> {
  try {
    const input = await readJson(request, 1024);
    return Response.json(
      { grading: await getGradingStatus({ ctx: { db: await getDb(), actor: await getActor() }, input }) },
      { headers: noStore },
    );
  } catch (err) {
    return errorResponse(err);
  }
}
