import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http";
import { getLeaderboard } from "@/lib/leaderboards/get-leaderboard";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    const { slug } = await params;
    return Response.json(
      await getLeaderboard({ ctx: { db: await getDb(), actor: await getActor() }, input: { assignment: slug } }),
      {
        headers: { "cache-control": "no-store" },
      },
    );
  } catch (err) {
    return errorResponse(err);
  }
}
