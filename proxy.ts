import type { NextRequest } from "next/server";
import { CROSS_SITE_PATHS, checkSameOrigin, crossSiteResponse } from "@/lib/auth/same-origin";

/** Refuses cross-site state-changing requests on every route, API and server actions alike (lib/auth/same-origin.ts). */
export function proxy(request: NextRequest): Response | undefined {
  if (CROSS_SITE_PATHS.has(request.nextUrl.pathname)) return undefined;
  const verdict = checkSameOrigin(request.method, request.headers);
  if (verdict.refused) return crossSiteResponse(verdict.reason!);
  return undefined;
}

export const config = {
  // Static build output cannot change state; everything else, pages (server actions) and /api/**, passes here.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
