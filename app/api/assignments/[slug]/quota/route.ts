import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http";
import { getQuotaStatus } from "@/lib/submissions/history-quota";

export const dynamic = "force-dynamic";

/** The signed-in student's remaining submissions today, cooldown and deadline for this assignment. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    const ctx = { db: await getDb(), actor: await getActor() };
    return Response.json(await getQuotaStatus({ ctx, input: { assignment: (await params).slug } }));
  } catch (err) {
    return errorResponse(err);
  }
}
