import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse, readJson } from "@/lib/http";
import { listOfferingSections, saveSection } from "@/lib/offerings/sections";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/** The offering's sections and their due dates. */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  try {
    const actor = authorize(await getActor(), "instructor");
    const input = { offering: (await params).slug };
    return Response.json(await listOfferingSections({ ctx: { db: await getDb(), actor }, input }));
  } catch (err) {
    return errorResponse(err);
  }
}

/**
 * `{ action: "save-section", section, title }` or `{ action: "set-deadline", section, assignment, dueAt | null }`.
 */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  try {
    const actor = authorize(await getActor(), "instructor");
    const body = await readJson(request);
    const input = body && typeof body === "object" ? { ...body, offering: (await params).slug } : body;
    return Response.json(await saveSection({ ctx: { db: await getDb(), actor }, input }));
  } catch (err) {
    return errorResponse(err);
  }
}
