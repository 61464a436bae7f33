import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "../errors";

/** For pages: a verb's not_found (or a malformed id in the URL) becomes Next's 404 page. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    if (isAppError(err) && (err.code === "not_found" || err.code === "validation")) notFound();
    throw err;
  }
}
