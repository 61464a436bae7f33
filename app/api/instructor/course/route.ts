import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse } from "@/lib/http";
import { getCourseStatus } from "@/lib/instructor/get-course-status";
import { publishCourseNow } from "@/lib/instructor/publish-course";

export const dynamic = "force-dynamic";

/** The live course version and the last publish attempt. */
export async function GET(): Promise<Response> {
  try {
    const actor = authorize(await getActor(), "instructor");
    return Response.json(await getCourseStatus({ ctx: { db: await getDb(), actor } }));
  } catch (err) {
    return errorResponse(err);
  }
}

/** Validates the course folder as a new version (in the background) and publishes it when it passes. */
export async function POST(): Promise<Response> {
  try {
    const actor = authorize(await getActor(), "instructor");
    return Response.json(await publishCourseNow({ ctx: { db: await getDb(), actor } }), { status: 202 });
  } catch (err) {
    return errorResponse(err);
  }
}
