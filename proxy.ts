import { type NextRequest, NextResponse } from "next/server";
import { CROSS_SITE_PATHS, checkSameOrigin, crossSiteResponse } from "@/lib/auth/same-origin";

/** lib/offerings/active-offering.ts OFFERING_HEADER (not imported: that module is server-only). */
const OFFERING_HEADER = "x-unlabeled-offering";

/**
 * Refuses cross-site state-changing requests on every route, API and server actions alike (lib/auth/same-origin.ts),
 * and hands `?offering=SLUG` to server code as a request header (a client's own header of that name is dropped), so
 * the active offering is resolved once per request from it (lib/offerings/active-offering.ts).
 */
export function proxy(request: NextRequest): Response | undefined {
  if (!CROSS_SITE_PATHS.has(request.nextUrl.pathname)) {
    const verdict = checkSameOrigin(request.method, request.headers);
    if (verdict.refused) return crossSiteResponse(verdict.reason!);
  }
  const requested = request.nextUrl.searchParams.get("offering");
  if (requested === null && !request.headers.has(OFFERING_HEADER)) return undefined;
  const headers = new Headers(request.headers);
  if (requested) headers.set(OFFERING_HEADER, requested);
  else headers.delete(OFFERING_HEADER);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Static build output cannot change state; everything else, pages (server actions) and /api/**, passes here.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
