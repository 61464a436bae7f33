import { getDb } from "@/db/client";
import { errorResponse } from "@/lib/http";
import { toolJwks } from "@/lib/lti/keys";

/** The tool's public keys (LTI 1.3 Security Framework §6.3), for platforms to check what the tool signs. */
export async function GET(): Promise<Response> {
  try {
    const jwks = await toolJwks(await getDb());
    return Response.json(jwks, { headers: { "cache-control": "public, max-age=300" } });
  } catch (err) {
    return errorResponse(err);
  }
}
