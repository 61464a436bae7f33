import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse, readJson } from "@/lib/http";
import { offeringCookie, selectOffering } from "@/lib/offerings/select-offering";

/** `{ offering }` → makes it the active offering (a cookie) if the signed-in user is in it; else 403. */
export async function POST(request: Request): Promise<Response> {
  try {
    const actor = authorize(await getActor());
    const input = await readJson(request);
    const out = await selectOffering({ ctx: { db: await getDb(), actor }, input });
    return Response.json(out, {
      headers: { "set-cookie": offeringCookie(out.offering, new URL(request.url).protocol === "https:") },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
