/**
 * Schema-valid garbage for a task's output schema: every value a hostile or broken submission could make the
 * runner send that still passes validation (NaN and infinite numbers where the schema allows them, extreme
 * finite ones where it does not, empty and short arrays, tensors full of NaN or of the wrong shape, strings in
 * "any value" slots). Used to prove that every check's score() turns garbage into a graded failure.
 */
import type { z } from "zod";
import { HostTensor } from "@/graders/engine/host-values";

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

function tensors(variant: number): HostTensor[] {
  const nan = new HostTensor("float32", [2, 3], new Float32Array(6).fill(Number.NaN));
  const huge = new HostTensor("float32", [1, 4], Float32Array.from([3e38, -3e38, Infinity, -Infinity]));
  const empty = new HostTensor("float32", [0], new Float32Array(0));
  const ints = new HostTensor("int32", [3], Int32Array.from([2 ** 31 - 1, -(2 ** 31), 7]));
  const strings = new HostTensor("string", [2], ["garbage", ""]);
  const all = [nan, huge, empty, ints, strings];
  return [all[variant % all.length]!, ...all];
}

/** Values to try for a slot the schema types only by a predicate (z.custom). */
function candidates(variant: number): unknown[] {
  return [
    ...tensors(variant),
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -1e308,
    "garbage",
    [],
    [Number.NaN],
    {},
    null,
    undefined,
    true,
    new Float32Array([Number.NaN, 1e38]),
  ];
}

const NUMBERS = [1e308, -1e308, 0, -1, 2 ** 31, 0.5];

/** One garbage value for `schema`; `variant` picks among the choices at every level. */
export function garbage(schema: z.ZodType, variant: number, depth = 0): unknown {
  const def = defOf(schema);
  const pick = <T>(list: readonly T[]) => list[(variant + depth) % list.length]!;
  switch (def.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        const v = garbage(field, variant, depth + 1);
        if (v !== undefined || defOf(field).type !== "optional") out[key] = v;
      }
      return out;
    }
    case "array": {
      const length = pick([0, 1, 3, 2]);
      return Array.from({ length }, (_, i) => garbage(def.element as z.ZodType, variant + i, depth + 1));
    }
    case "tuple":
      return (def.items as z.ZodType[]).map((item, i) => garbage(item, variant + i, depth + 1));
    case "union": {
      const options = def.options as z.ZodType[];
      return garbage(options[(variant + depth) % options.length]!, variant, depth + 1);
    }
    case "nullable":
      return variant % 3 === 0 ? null : garbage(def.innerType as z.ZodType, variant, depth + 1);
    case "optional":
      return variant % 3 === 1 ? undefined : garbage(def.innerType as z.ZodType, variant, depth + 1);
    case "lazy":
      return depth > 6 ? null : garbage((def.getter as () => z.ZodType)(), variant, depth + 1);
    case "literal":
      return pick(def.values as unknown[]);
    case "enum":
      return pick(Object.values(def.entries as Record<string, unknown>));
    case "number":
      return pick(NUMBERS);
    case "int":
      return pick([0, -1, 2 ** 31 - 1]);
    case "string":
      return pick(["", "garbage \u001b[31mred\u001b[0m", "x".repeat(200)]);
    case "boolean":
      return variant % 2 === 0;
    case "null":
      return null;
    case "record":
      return variant % 2 ? {} : { garbage: garbage(def.valueType as z.ZodType, variant, depth + 1) };
    case "custom":
    case "any":
    case "unknown": {
      const list = candidates(variant + depth);
      const shift = (variant * 7 + depth) % list.length;
      for (let i = 0; i < list.length; i++) {
        const value = list[(i + shift) % list.length];
        if ((schema as z.ZodType).safeParse(value).success) return value;
      }
      return undefined;
    }
    case "pipe":
      return garbage(def.in as z.ZodType, variant, depth + 1);
    default:
      return undefined;
  }
}

/** Up to `count` distinct garbage outputs that pass `schema`. */
export function garbageOutputs(schema: z.ZodType, count: number): unknown[] {
  const out: unknown[] = [];
  for (let variant = 0; variant < count * 4 && out.length < count; variant++) {
    const value = garbage(schema, variant);
    if (schema.safeParse(value).success) out.push(value);
  }
  return out;
}
