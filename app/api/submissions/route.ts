import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { serverEnqueue } from "@/lib/grading/runtime";
import { errorResponse, readJson } from "@/lib/http";
import { MAX_SOURCE_BYTES, submit } from "@/lib/submissions/submit";
import { gradingPrerequisites } from "@/lib/system/grading-status";

export async function POST(request: Request): Promise<Response> {
  try {
    const input = await readJson(request, MAX_SOURCE_BYTES * 2 + 4096);
    const sub = await submit({ ctx: { db: await getDb(), actor: await getActor(), enqueue: serverEnqueue, grading: () => gradingPrerequisites() }, input });
    return Response.json({ id: sub.id, status: sub.status, createdAt: sub.createdAt }, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
