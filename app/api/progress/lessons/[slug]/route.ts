import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { errorResponse } from "@/lib/http";
import { markLessonRead } from "@/lib/progress/mark-lesson-read";

export async function POST(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  try {
    await markLessonRead({
      ctx: { db: await getDb(), actor: await getActor() },
      input: { lesson: (await params).slug },
    });
    return new Response(null, { status: 204 });
  } catch (err) {
    return errorResponse(err);
  }
}
