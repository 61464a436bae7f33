import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse, readJson } from "@/lib/http";
import { updateOffering } from "@/lib/offerings/update-offering";

/** `{ title?, term?, startsAt?, endsAt?, archived? }` → the offering as it is now (docs/offerings.md). */
export async function PATCH(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    // Refuse TAs and students before reading the body.
    const actor = authorize(await getActor(), "instructor");
    const body = await readJson(request);
    const input = body && typeof body === "object" ? { ...body, offering: (await params).slug } : body;
    return Response.json(await updateOffering({ ctx: { db: await getDb(), actor }, input }), {
      headers: { "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
