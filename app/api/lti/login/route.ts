import { getDb } from "@/db/client";
import { ltiErrorResponse, readForm } from "@/lib/lti/http";
import { serializeCookie } from "@/lib/auth/session-cookie";
import { LOGIN_TTL_MS, startLogin, stateCookieName } from "@/lib/lti/start-login";
import { toolOrigin } from "@/lib/lti/tool-origin";

/** OIDC login initiation from the LMS (GET query or POST form): redirect to the platform with a fresh state. */
async function login(request: Request, params: Record<string, string>): Promise<Response> {
  try {
    const origin = toolOrigin(request);
    const { location, state } = await startLogin(await getDb(), params, origin);
    const secure = origin.startsWith("https:");
    const cookie = serializeCookie(stateCookieName(state), state, {
      maxAge: LOGIN_TTL_MS / 1000,
      secure,
      // The launch is a cross-site form POST from the LMS: only SameSite=None (which needs https) reaches it.
      sameSite: secure ? "None" : "Lax",
      path: "/api/lti",
    });
    return new Response(null, {
      status: 302,
      headers: { location, "set-cookie": cookie, "cache-control": "no-store" },
    });
  } catch (err) {
    return ltiErrorResponse(request, err);
  }
}

export async function GET(request: Request): Promise<Response> {
  return login(request, Object.fromEntries(new URL(request.url).searchParams));
}

export async function POST(request: Request): Promise<Response> {
  try {
    return login(request, await readForm(request));
  } catch (err) {
    return ltiErrorResponse(request, err);
  }
}
