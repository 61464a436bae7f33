import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse, readJson } from "@/lib/http";
import { clearAssignmentSettings } from "@/lib/instructor/clear-assignment-settings";
import { getAssignmentSettings } from "@/lib/instructor/get-assignment-settings";
import { saveAssignmentSettings } from "@/lib/instructor/save-assignment-settings";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

/** The body with the URL's assignment (the URL wins); anything but an object is left for the verb to refuse. */
const withSlug = (body: unknown, slug: string) =>
  body && typeof body === "object" && !Array.isArray(body) ? { ...body, assignment: slug } : body;

/** An assignment's term settings: file defaults, overrides, effective values, rubric, audit trail. */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  try {
    const { slug } = await params;
    const result = await getAssignmentSettings({
      ctx: { db: await getDb(), actor: await getActor() },
      input: { assignment: slug },
    });
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}

/** Body { set: { due?, late_policy?, quota_daily?, cooldown_seconds?, rubric? }, reason }. */
export async function PUT(request: Request, { params }: Params): Promise<Response> {
  try {
    // Refuse students before reading the body, so every non-instructor gets 403 whatever they send.
    const actor = authorize(await getActor(), "instructor");
    const { slug } = await params;
    const input = withSlug(await readJson(request), slug);
    return Response.json(await saveAssignmentSettings({ ctx: { db: await getDb(), actor }, input }));
  } catch (err) {
    return errorResponse(err);
  }
}

/** Body { keys?: [...], reason }: removes those overrides (all when keys is absent). */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  try {
    const actor = authorize(await getActor(), "instructor");
    const { slug } = await params;
    const input = withSlug(await readJson(request), slug);
    return Response.json(await clearAssignmentSettings({ ctx: { db: await getDb(), actor }, input }));
  } catch (err) {
    return errorResponse(err);
  }
}
