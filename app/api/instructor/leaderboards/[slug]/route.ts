import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse, readJson } from "@/lib/http";
import { controlLeaderboard } from "@/lib/leaderboards/control-leaderboard";

/** Body: `{ "action": "reveal" | "unreveal" | "freeze" | "unfreeze" | "hide-row" | "show-row", userId?, reason?, force? }`. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    // Refuse students before reading the body, so every non-instructor gets 403 whatever they send.
    const actor = authorize(await getActor(), "instructor");
    const body = await readJson(request);
    const input = body && typeof body === "object" ? { ...body, assignment: (await params).slug } : body;
    return Response.json(await controlLeaderboard({ ctx: { db: await getDb(), actor }, input }));
  } catch (err) {
    return errorResponse(err);
  }
}
