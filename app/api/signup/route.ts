import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { errorResponse, readJson } from "@/lib/http";
import { signUp } from "@/lib/users/sign-up";

export async function POST(request: Request): Promise<Response> {
  try {
    const input = await readJson(request);
    const user = await signUp({ ctx: { db: await getDb(), actor: await getActor() }, input });
    return Response.json({ user: { id: user.id, email: user.email, name: user.name, role: user.role } }, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
