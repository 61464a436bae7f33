import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse, readJson } from "@/lib/http";
import { addPlatform } from "@/lib/lti/add-platform";
import { getLtiOverview } from "@/lib/lti/get-lti-overview";

export const dynamic = "force-dynamic";

/** Registered LMS platforms, LMS courses seen, and the grade passback log. */
export async function GET(): Promise<Response> {
  try {
    return Response.json(await getLtiOverview({ ctx: { db: await getDb(), actor: await getActor() } }));
  } catch (err) {
    return errorResponse(err);
  }
}

/** Registers an LMS (or updates its endpoints) and a deployment: the console's form of `course lti add-platform`. */
export async function POST(request: Request): Promise<Response> {
  try {
    // Refuse students before reading the body, so every non-instructor gets 403 whatever they send.
    const actor = authorize(await getActor(), "instructor");
    const ctx = { db: await getDb(), actor };
    return Response.json(await addPlatform({ ctx, input: await readJson(request) }), { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
