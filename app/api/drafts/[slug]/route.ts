import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { deleteDraft } from "@/lib/drafts/delete-draft";
import { getDraft } from "@/lib/drafts/get-draft";
import { MAX_DRAFT_BYTES, saveDraft } from "@/lib/drafts/save-draft";
import { errorResponse, readJson } from "@/lib/http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

const context = async () => ({ db: await getDb(), actor: await getActor() });

/** The signed-in student's draft: { assignment, source (null = starter), revision, updatedAt }. */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  try {
    return Response.json(await getDraft({ ctx: await context(), input: { assignment: (await params).slug } }));
  } catch (err) {
    return errorResponse(err);
  }
}

/** Saves { source, baseRevision }; 409 when the draft changed elsewhere since baseRevision. */
export async function PUT(request: Request, { params }: Params): Promise<Response> {
  try {
    const body = await readJson(request, MAX_DRAFT_BYTES * 2 + 4096);
    const input = { ...(typeof body === "object" && body !== null ? body : {}), assignment: (await params).slug };
    return Response.json(await saveDraft({ ctx: await context(), input }));
  } catch (err) {
    return errorResponse(err);
  }
}

/** Reset to the starter. */
export async function DELETE(_request: Request, { params }: Params): Promise<Response> {
  try {
    return Response.json(await deleteDraft({ ctx: await context(), input: { assignment: (await params).slug } }));
  } catch (err) {
    return errorResponse(err);
  }
}
