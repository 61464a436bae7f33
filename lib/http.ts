import "server-only";
import { storageFailure } from "@/db/config";
import { AppError, isAppError } from "./errors";

const DEFAULT_LIMIT = 64 * 1024;

/** Reads a JSON body with a size cap; bad input becomes a 400/413 AppError, never a crash. */
export async function readJson(request: Request, maxBytes = DEFAULT_LIMIT): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
    throw new AppError("bad_request", "Send the body as JSON with Content-Type: application/json.");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large", `The body is larger than ${maxBytes} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes)
    throw new AppError("payload_too_large", `The body is larger than ${maxBytes} bytes.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
}

/** Maps any error to a JSON response; unexpected errors are logged and answered without internals. */
export function errorResponse(err: unknown): Response {
  if (isAppError(err)) {
    return Response.json(
      { error: { code: err.code, message: err.message, fields: err.fields } },
      { status: err.status },
    );
  }
  const storage = storageFailure(err);
  if (storage) {
    console.error(`[http] database ${storage.kind}: ${storage.detail}`);
    return Response.json({ error: { code: "unavailable", message: storage.message } }, { status: 503 });
  }
  console.error("[http] unexpected error", err);
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
}

export { checkSameOrigin, crossSiteResponse } from "./auth/same-origin";
