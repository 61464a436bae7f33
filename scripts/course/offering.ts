/**
 * `npm run course -- offering create SLUG --title T [--term X] [--starts ISO] [--ends ISO] [--course NAME]`,
 * `offering list`, `offering join-code SLUG enable|disable|regenerate`: offerings (docs/offerings.md) in the database
 * named by DATABASE_URL, or the embedded PGlite in .data/ (stop the server first). Shell access is the authority, as
 * for `user add`; audit rows have no actor. Exit 0 on success, 2 for usage errors, a bad value or an unknown or taken
 * slug, 1 otherwise.
 */
import { closeDb, getDbHandle } from "@/db/client";
import { listOfferings } from "@/db/queries/offerings";
import { isAppError } from "@/lib/errors";
import { applyCreateOffering, createOfferingSchema } from "@/lib/offerings/create-offering";
import { applyJoinCode, type JoinCodeAction } from "@/lib/offerings/join-code";
import { parseInput } from "@/lib/validation";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";

const ACTIONS: JoinCodeAction[] = ["enable", "disable", "regenerate"];

async function create(slug: string | undefined, flags: Record<string, string | boolean>): Promise<number> {
  if (!slug) throw new UsageError("expected the offering's SLUG after `offering create`");
  if (typeof flags.title !== "string") throw new UsageError("--title is required");
  const input = parseInput(createOfferingSchema, {
    slug,
    title: flags.title,
    ...(typeof flags.term === "string" ? { term: flags.term } : {}),
    ...(typeof flags.starts === "string" ? { startsAt: flags.starts } : {}),
    ...(typeof flags.ends === "string" ? { endsAt: flags.ends } : {}),
    ...(typeof flags.course === "string" ? { course: flags.course } : {}),
  });
  const handle = await getDbHandle();
  const o = await handle.db.transaction((tx) => applyCreateOffering(tx, null, input));
  console.log(`created ${o.slug}: ${o.title}${o.term ? ` (${o.term})` : ""} of course ${o.course}; joining by code is off`);
  return 0;
}

async function list(): Promise<number> {
  const handle = await getDbHandle();
  for (const o of await listOfferings(handle.db)) {
    const join = o.joinEnabled ? `join code ${o.joinCode}` : "joining off";
    const dates = o.startsAt || o.endsAt ? ` ${o.startsAt?.toISOString() ?? "…"} to ${o.endsAt?.toISOString() ?? "…"}` : "";
    console.log(`${o.slug}\t${o.title}${o.term ? ` (${o.term})` : ""}${dates}\tcourse ${o.course}\t${join}${o.archived ? "\tarchived" : ""}`);
  }
  return 0;
}

async function joinCode(slug: string | undefined, action: string | undefined): Promise<number> {
  if (!slug || !action) throw new UsageError("expected `offering join-code SLUG enable|disable|regenerate`");
  if (!ACTIONS.includes(action as JoinCodeAction)) throw new UsageError(`the action must be one of ${ACTIONS.join(", ")}`);
  const handle = await getDbHandle();
  const r = await handle.db.transaction((tx) => applyJoinCode(tx, null, { offering: slug, action: action as JoinCodeAction }));
  console.log(`${r.offering}: join code ${r.joinCode ?? "(none)"}, joining ${r.joinEnabled ? "on" : "off"}`);
  return 0;
}

export const offeringCommand: CliCommand = {
  name: "offering",
  summary: "Create and list offerings of the course, and turn their join codes on or off",
  usage: "offering create SLUG --title T [--term X] [--starts ISO] [--ends ISO] [--course NAME] | offering list | offering join-code SLUG enable|disable|regenerate",
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { strings: ["title", "term", "starts", "ends", "course"] });
    const [sub, ...rest] = positionals;
    try {
      if (sub === "create" && rest.length <= 1) return await create(rest[0], flags);
      if (sub === "list" && rest.length === 0) return await list();
      if (sub === "join-code" && rest.length <= 2) return await joinCode(rest[0], rest[1]);
      throw new UsageError("expected `offering create`, `offering list` or `offering join-code`");
    } catch (err) {
      if (isAppError(err) && ["validation", "conflict", "not_found"].includes(err.code)) {
        console.error(`offering: ${err.message}`);
        return 2;
      }
      throw err;
    } finally {
      await closeDb();
    }
  },
};
