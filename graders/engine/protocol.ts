/**
 * Validation of everything the runner sends. The student's code shares the runner's process, so any line on the
 * protocol channel may be forged: each is parsed with zod (strict objects, bounded sizes and depth) and anything
 * else is a malformed output.
 */
import { z } from "zod";
import type { RunnerMessage, Wire } from "../runner/protocol-types";

const MAX_DEPTH = 64;
const MAX_RANK = 8;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "not base64");
const shape = z.array(z.number().int().min(0).max(2 ** 31 - 1)).max(MAX_RANK);
// zod drops a "__proto__" key from records, so no message can reach a prototype through one.
const key = z.string().max(200);

/** Wire values; `rng` only where generators may appear (inputs, e.g. from the course-check host). */
function wireSchemaOf(rng: boolean): z.ZodType<Wire> {
  const self: z.ZodType<Wire> = z.lazy(() =>
    z.union([
      z.null(),
      z.boolean(),
      z.number(),
      z.string(),
      z.strictObject({ t: z.literal("undefined") }),
      z.strictObject({ t: z.literal("num"), v: z.enum(["NaN", "Infinity", "-Infinity"]) }),
      z.strictObject({
        t: z.literal("tensor"),
        dtype: z.enum(["float32", "int32", "bool", "string"]),
        shape,
        data: z.union([base64, z.array(z.string())]),
      }),
      z.strictObject({ t: z.literal("typed"), kind: z.enum(["float32", "float64", "int32", "uint8"]), data: base64 }),
      z.strictObject({ t: z.literal("array"), items: z.array(self) }),
      z.strictObject({ t: z.literal("object"), fields: z.record(key, self) }),
      ...(rng ? [z.strictObject({ t: z.literal("rng"), seed: z.number() })] : []),
    ]),
  );
  return self;
}

export const wireSchema = wireSchemaOf(false);
export const inputWireSchema = wireSchemaOf(true);

const metrics = z.record(z.string().max(100), z.number()).refine((m) => Object.keys(m).length <= 50, "too many metrics");

const runnerMessageSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("boot"), backend: z.string().max(40), detail: z.string().max(500), tfjs: z.string().max(40) }),
  z.strictObject({ type: z.literal("fatal"), message: z.string().max(20_000) }),
  z.strictObject({ type: z.literal("ready"), exports: z.record(key, z.string().max(20)) }),
  z.strictObject({ type: z.literal("started"), task: z.string().max(100) }),
  z.strictObject({
    type: z.literal("progress"),
    task: z.string().max(100),
    phase: z.string().min(1).max(100),
    epoch: z.number().int().min(0).optional(),
    metrics: metrics.optional(),
    message: z.string().max(500).optional(),
  }),
  z.strictObject({ type: z.literal("result"), task: z.string().max(100), output: wireSchema }),
  z.strictObject({
    type: z.literal("error"),
    task: z.string().max(100).nullable(),
    kind: z.enum(["runtime", "output", "sandbox", "memory"]),
    message: z.string().max(20_000),
  }),
]);

/** Maximum bracket nesting of a JSON text (strings skipped), so hostile nesting is refused before parsing. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

export type ParsedLine = { ok: true; message: RunnerMessage } | { ok: false; reason: string };

/** Parses one protocol line; never throws. */
export function parseRunnerLine(line: string): ParsedLine {
  if (nestingDepth(line) > MAX_DEPTH * 2 + 4) return { ok: false, reason: "a message nested too deeply" };
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, reason: "a line that is not JSON" };
  }
  try {
    const parsed = runnerMessageSchema.safeParse(json);
    if (parsed.success) return { ok: true, message: parsed.data as RunnerMessage };
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `a malformed message (${issue ? `${issue.path.join(".") || "message"}: ${issue.message}` : "invalid"})` };
  } catch {
    return { ok: false, reason: "a message that could not be validated" };
  }
}
