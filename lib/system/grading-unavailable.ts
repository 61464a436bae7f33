import "server-only";
import { AppError } from "@/lib/errors";

/** The submit verb's refusal while this server cannot grade (503, code "unavailable"): the cause and its fix. */
export function gradingUnavailableError(state: { message: string }): AppError {
  const cause = state.message.charAt(0).toUpperCase() + state.message.slice(1);
  return new AppError("unavailable", `${cause}. The submission was not stored; submit again once this is fixed.`);
}
