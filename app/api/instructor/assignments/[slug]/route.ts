import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http";
import { getDashboard } from "@/lib/instructor/get-dashboard";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    const { slug } = await params;
    return Response.json(
      await getDashboard({ ctx: { db: await getDb(), actor: await getActor() }, input: { assignment: slug } }),
      {
        headers: { "cache-control": "no-store" },
      },
    );
  } catch (err) {
    return errorResponse(err);
  }
}
