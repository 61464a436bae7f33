import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse, readJson } from "@/lib/http";
import { setJoinCode } from "@/lib/offerings/join-code";

/** `{ action: "enable" | "disable" | "regenerate" }` → `{ offering, joinCode, joinEnabled }`. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    const actor = authorize(await getActor(), "instructor");
    const body = await readJson(request);
    const input = body && typeof body === "object" ? { ...body, offering: (await params).slug } : body;
    return Response.json(await setJoinCode({ ctx: { db: await getDb(), actor }, input }), {
      headers: { "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
