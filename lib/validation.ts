import type { z } from "zod";
import { AppError } from "./errors";

/** Parses input with a zod schema; failures become one `validation` AppError naming each field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "input";
    fields[key] ??= issue.message;
  }
  const message = Object.entries(fields)
    .map(([field, msg]) => `${field}: ${msg}`)
    .join("; ");
  throw new AppError("validation", message, fields);
}
