import "server-only";
import { AppError, isAppError } from "../errors";
import { errorResponse } from "../http";

const MAX_FORM_BYTES = 128 * 1024;

/** An application/x-www-form-urlencoded body (what an LMS posts), size-capped, as plain strings. */
export async function readForm(request: Request): Promise<Record<string, string>> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (!type.includes("application/x-www-form-urlencoded")) {
    throw new AppError("bad_request", "Send the LTI message as a form (application/x-www-form-urlencoded).");
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_FORM_BYTES) throw new AppError("payload_too_large", "The form is too large.");
  return Object.fromEntries(new URLSearchParams(text));
}

/** Text for HTML content or a quoted attribute. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A browser (the LMS frame or tab) gets a readable page; anything else the JSON error of every API route. */
export function ltiErrorResponse(request: Request, err: unknown): Response {
  const json = errorResponse(err);
  if (!(request.headers.get("accept") ?? "").includes("text/html")) return json;
  const message = isAppError(err) ? err.message : "Something went wrong on our side.";
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LTI launch failed</title></head><body><main><h1>The launch from your LMS did not work</h1><p role="alert">${escapeHtml(message)}</p><p>Open the assignment again from your LMS. If this keeps happening, tell your instructor.</p></main></body></html>`;
  return new Response(body, { status: json.status, headers: { "content-type": "text/html; charset=utf-8" } });
}
