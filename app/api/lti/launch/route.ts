import { getDb } from "@/db/client";
import { completeLaunch } from "@/lib/lti/complete-launch";
import { ltiErrorResponse, readForm } from "@/lib/lti/http";
import { readCookie, serializeCookie, sessionCookie } from "@/lib/auth/session-cookie";
import { stateCookieName } from "@/lib/lti/start-login";
import { toolOrigin } from "@/lib/lti/tool-origin";
import { verifyLaunch } from "@/lib/lti/verify-launch";
import { offeringCookie } from "@/lib/offerings/select-offering";

/** The LMS posts the id_token here (form_post): verify, sign the user in, enrol them, open the linked page. */
export async function POST(request: Request): Promise<Response> {
  try {
    const db = await getDb();
    const form = await readForm(request);
    const state = form.state ?? "";
    const cookieName = stateCookieName(state);
    const verified = await verifyLaunch(db, form, readCookie(request.headers.get("cookie"), cookieName));
    const outcome = await completeLaunch(db, verified);
    const origin = toolOrigin(request);
    const secure = origin.startsWith("https:");
    const headers = new Headers({ location: `${origin}${outcome.redirectTo}`, "cache-control": "no-store" });
    headers.append("set-cookie", await sessionCookie(outcome.user, secure));
    // The LMS course's offering becomes the active one (docs/offerings.md).
    headers.append("set-cookie", offeringCookie(outcome.offering, secure));
    headers.append(
      "set-cookie",
      serializeCookie(cookieName, "", { maxAge: 0, secure, sameSite: "Lax", path: "/api/lti" }),
    );
    return new Response(null, { status: 303, headers });
  } catch (err) {
    return ltiErrorResponse(request, err);
  }
}
