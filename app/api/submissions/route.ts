import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { serverCancel, serverEnqueue } from "@/lib/grading/runtime";
import { errorResponse, readJson } from "@/lib/http";
import { MAX_SOURCE_BYTES, submit } from "@/lib/submissions/submit";
import { gradingPrerequisites } from "@/lib/system/grading-status";

export async function POST(request: Request): Promise<Response> {
  try {
    const input = await readJson(request, MAX_SOURCE_BYTES * 2 + 4096);
    const ctx = {
      db: await getDb(),
      actor: await getActor(),
      enqueue: serverEnqueue,
      cancel: serverCancel,
      grading: () => gradingPrerequisites(),
    };
    const sub = await submit({ ctx, input });
    // `superseded`: the ids of this student's queued submissions of the assignment that this one replaced.
    return Response.json(
      { id: sub.id, status: sub.status, createdAt: sub.createdAt, superseded: sub.superseded },
      { status: 201 },
    );
  } catch (err) {
    return errorResponse(err);
  }
}
