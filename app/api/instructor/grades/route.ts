import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { exportGrades } from "@/lib/grades/export-grades";
import { errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** `?assignment=SLUG` (omit for the whole course) `&format=csv|json|canvas|moodle`: a download. */
export async function GET(request: Request): Promise<Response> {
  try {
    const params = new URL(request.url).searchParams;
    const input = Object.fromEntries([...params.entries()].filter(([k]) => k === "assignment" || k === "format"));
    const out = await exportGrades({ ctx: { db: await getDb(), actor: await getActor() }, input });
    return new Response(out.body, {
      headers: {
        "content-type": out.contentType,
        "content-disposition": `attachment; filename="${out.filename}"`,
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
