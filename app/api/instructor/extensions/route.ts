import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse, readJson } from "@/lib/http";
import { grantExtension } from "@/lib/instructor/grant-extension";

export async function PUT(request: Request): Promise<Response> {
  try {
    // Refuse students before reading the body, so every non-instructor gets 403 whatever they send.
    const actor = authorize(await getActor(), "staff");
    const input = await readJson(request);
    return Response.json(await grantExtension({ ctx: { db: await getDb(), actor }, input }));
  } catch (err) {
    return errorResponse(err);
  }
}
