import { getDb } from "@/db/client";
import { clientIp } from "@/lib/auth/client-ip";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse, readJson } from "@/lib/http";
import { joinOffering } from "@/lib/offerings/join-offering";
import { offeringCookie } from "@/lib/offerings/select-offering";

/** `{ code }` → enrols the signed-in user as a student and makes that offering the active one. */
export async function POST(request: Request): Promise<Response> {
  try {
    const actor = authorize(await getActor());
    const input = await readJson(request);
    const out = await joinOffering({ ctx: { db: await getDb(), actor, clientIp: clientIp(request.headers) }, input });
    return Response.json(out, {
      headers: { "set-cookie": offeringCookie(out.offering, new URL(request.url).protocol === "https:") },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
