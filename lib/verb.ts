import "server-only";
import type { z } from "zod";
import type { Tx } from "@/db/client";
import { type Actor, authorize, offeringOf, type ServiceContext } from "./context";
import { offeringContentDir } from "./offerings/offering-course";
import { parseInput } from "./validation";

/**
 * The one shape of a service verb (docs/architecture.md, "lib/"): authorise first, zod-parse the input, do one thing,
 * in one transaction when it writes. `defineVerb` does the first two, in that order, for every verb, and opens the
 * transaction for the ones that ask, so a verb's file holds only what is particular to it.
 *
 *   export const adjustScore = defineVerb({
 *     role: "instructor",
 *     input: inputSchema,
 *     transaction: true,
 *     prepare: (ctx, data) => requireEffectiveAssignment(ctx.db, data.assignment, ctx.contentDir),
 *     run: async (ctx, data, tx, assignment) => { ...; await insertAudit(tx, { action: "score.adjust", ... }) },
 *   });
 *   await adjustScore({ ctx: { db, actor }, input });
 *
 * - `role`: "signed-in" (the default: anonymous → unauthenticated), "instructor" (and a TA or student → forbidden),
 *   "staff" (instructor or TA; a student → forbidden), or "anyone" (no check; the body sees `ctx.actor` as it came). Refusal comes before validation, so a student learns
 *   nothing from a malformed request.
 * - `input`: the zod schema; a failure is one `validation` AppError (422) naming each field (lib/validation.ts).
 *   `inputOptional`: a missing input (undefined or null) is parsed as `{}`. Without `input` the verb takes none.
 * - `needs`: the ServiceContext capabilities the verb cannot work without (e.g. `["enqueue"]`): callers must pass them.
 * - `transaction: true`: `prepare` (optional) runs first, outside any transaction (reads that decide whether to go
 *   on: content, the term's settings); then `run` gets a transaction and `prepare`'s result; `afterCommit`
 *   (optional) runs once it committed (enqueueing) and its value is the verb's.
 */

export type Access = "anyone" | "signed-in" | "instructor" | "staff";

/** ServiceContext fields a verb may require of its callers. */
export type Capability = Exclude<keyof ServiceContext, "db" | "actor">;

/** The context a caller passes: ServiceContext with the verb's required capabilities present. */
export type ContextWith<K extends Capability = never> = ServiceContext & Required<Pick<ServiceContext, K>>;

/** What the verb's body receives: the caller's context with the actor already checked. */
export type VerbContext<A extends Access = "signed-in", K extends Capability = never> = ContextWith<K> & {
  actor: A extends "anyone" ? Actor | null : Actor;
};

type InputOf<S> = S extends z.ZodType ? z.infer<S> : undefined;

/** A verb as callers see it: `verb({ ctx, input })`, or `verb({ ctx })` when it takes no input. */
export type Verb<S, K extends Capability, R> = S extends z.ZodType
  ? (args: { ctx: ContextWith<K>; input: unknown }) => Promise<R>
  : (args: { ctx: ContextWith<K> }) => Promise<R>;

interface Common<A extends Access, S, K extends Capability> {
  role?: A;
  input?: S;
  inputOptional?: boolean;
  needs?: readonly K[];
}

interface PlainSpec<A extends Access, S, K extends Capability, R> extends Common<A, S, K> {
  transaction?: false;
  run: (ctx: VerbContext<A, K>, input: InputOf<S>) => Promise<R>;
}

interface TransactionSpec<A extends Access, S, K extends Capability, P, T, R> extends Common<A, S, K> {
  transaction: true;
  prepare?: (ctx: VerbContext<A, K>, input: InputOf<S>) => Promise<P>;
  run: (ctx: VerbContext<A, K>, input: InputOf<S>, tx: Tx, prepared: P) => Promise<T>;
  afterCommit?: (ctx: VerbContext<A, K>, input: InputOf<S>, committed: T, prepared: P) => Promise<R>;
}

export function defineVerb<
  A extends Access = "signed-in",
  S extends z.ZodType | undefined = undefined,
  K extends Capability = never,
  R = unknown,
>(spec: PlainSpec<A, S, K, R>): Verb<S, K, R>;
export function defineVerb<
  A extends Access = "signed-in",
  S extends z.ZodType | undefined = undefined,
  K extends Capability = never,
  P = undefined,
  T = unknown,
  R = T,
>(spec: TransactionSpec<A, S, K, P, T, R>): Verb<S, K, R>;
export function defineVerb(
  spec:
    | PlainSpec<Access, z.ZodType | undefined, Capability, unknown>
    | TransactionSpec<Access, z.ZodType | undefined, Capability, unknown, unknown, unknown>,
) {
  return async ({ ctx, input }: { ctx: ServiceContext; input?: unknown }) => {
    const role = spec.role ?? "signed-in";
    const actor = role === "anyone" ? ctx.actor : authorize(ctx.actor, role === "signed-in" ? undefined : role);
    // The course package of the offering the verb works in, unless the caller named a folder (tests, the CLI).
    const contentDir = ctx.contentDir ?? (await offeringContentDir(ctx.db, offeringOf({ ...ctx, actor })));
    const vctx = { ...ctx, actor, contentDir, defaultContentDir: ctx.contentDir } as VerbContext<Access, Capability>;
    const raw = spec.inputOptional ? (input ?? {}) : input;
    const data = (spec.input ? parseInput(spec.input, raw) : undefined) as InputOf<z.ZodType>;
    if (!spec.transaction) return spec.run(vctx, data);
    const prepared = spec.prepare ? await spec.prepare(vctx, data) : undefined;
    const committed = await ctx.db.transaction((tx) => spec.run(vctx, data, tx, prepared));
    return spec.afterCommit ? spec.afterCommit(vctx, data, committed, prepared) : committed;
  };
}
