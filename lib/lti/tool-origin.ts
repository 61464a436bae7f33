import "server-only";

/**
 * This tool's public origin, as registered in the LMS (its redirect URI and JWKS URL start with it): `LTI_TOOL_URL`
 * (e.g. `https://course.example.org`) when set, which a server behind a proxy should set; else `AUTH_URL`; else the
 * origin the request was made to.
 */
export function toolOrigin(request: Request, env: Record<string, string | undefined> = process.env): string {
  return configuredToolOrigin(env) ?? new URL(request.url).origin;
}

/** The origin set by LTI_TOOL_URL or AUTH_URL, if either is. */
export function configuredToolOrigin(env: Record<string, string | undefined> = process.env): string | null {
  const v = env.LTI_TOOL_URL || env.AUTH_URL;
  return v ? new URL(v).origin : null;
}
