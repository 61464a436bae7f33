import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse, readJson } from "@/lib/http";
import { syncRoster } from "@/lib/lti/nrps/sync-roster";

export const dynamic = "force-dynamic";

/** Reads an LMS course's roster (NRPS) and enrols its members. */
export async function POST(request: Request): Promise<Response> {
  try {
    // Refuse students before reading the body, so every non-instructor gets 403 whatever they send.
    const actor = authorize(await getActor(), "instructor");
    const ctx = { db: await getDb(), actor };
    return Response.json(await syncRoster({ ctx, input: await readJson(request) }));
  } catch (err) {
    return errorResponse(err);
  }
}
