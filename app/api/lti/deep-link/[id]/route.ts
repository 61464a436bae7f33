import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { escapeHtml, ltiErrorResponse } from "@/lib/lti/http";
import { respondDeepLink } from "@/lib/lti/respond-deep-link";
import { toolOrigin } from "@/lib/lti/tool-origin";
import { authorize } from "@/lib/context";
import { AppError } from "@/lib/errors";

/** The picker's form: answer the LMS with a signed deep-linking response, posted by the browser to its return URL. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    // Refuse before reading anything: an anonymous visitor or a student learns nothing from a malformed request.
    const actor = authorize(await getActor(), "instructor");
    const type = request.headers.get("content-type") ?? "";
    if (!type.includes("application/x-www-form-urlencoded"))
      throw new AppError("bad_request", "Send the picker's form.");
    const form = new URLSearchParams((await request.text()).slice(0, 64 * 1024));
    const out = await respondDeepLink({
      ctx: { db: await getDb(), actor },
      input: { id, assignments: form.getAll("assignment"), toolOrigin: toolOrigin(request) },
    });
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Returning to your LMS</title></head><body><main><h1>Returning to your LMS</h1><form id="dl" method="post" action="${escapeHtml(out.returnUrl)}"><input type="hidden" name="JWT" value="${escapeHtml(out.jwt)}"><p>${out.items.length} assignment(s) picked.</p><button type="submit">Continue to the LMS</button></form><script>document.getElementById("dl").submit()</script></main></body></html>`;
    return new Response(body, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
  } catch (err) {
    return ltiErrorResponse(request, err);
  }
}
