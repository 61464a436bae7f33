import { getDb } from "@/db/client";
import { clientIp } from "@/lib/auth/client-ip";
import { getActor } from "@/lib/auth/current-user";
import { assertSignUpAllowed, recordSignUp } from "@/lib/auth/sign-in-limiter";
import { errorResponse, readJson } from "@/lib/http";
import { signUp } from "@/lib/users/sign-up";

export async function POST(request: Request): Promise<Response> {
  try {
    const db = await getDb();
    const ip = clientIp(request.headers);
    await assertSignUpAllowed(db, ip);
    const input = await readJson(request);
    const user = await signUp({ ctx: { db, actor: await getActor() }, input });
    await recordSignUp(db, ip);
    return Response.json(
      { user: { id: user.id, email: user.email, name: user.name, role: user.role } },
      { status: 201 },
    );
  } catch (err) {
    return errorResponse(err);
  }
}
