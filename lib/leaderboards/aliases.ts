import "server-only";
import { randomInt } from "node:crypto";
import type { Db } from "@/db/client";
import { DEFAULT_OFFERING } from "@/db/schema";
import { insertAlias, listAliases } from "@/db/queries/leaderboards";
import { aliasFrom } from "./alias-words";

/**
 * Each student's pseudonym on an assignment's board, creating random ones for students who have none. Stored, so
 * a name never changes and never derives from the account; a clash with another student's name draws again.
 */
export async function ensureAliases(
  db: Db,
  assignment: string,
  userIds: string[],
  offering: string = DEFAULT_OFFERING,
): Promise<Map<string, string>> {
  const known = new Map((await listAliases(db, assignment, offering)).map((a) => [a.userId, a.alias]));
  const missing = [...new Set(userIds)].filter((id) => !known.has(id));
  if (missing.length === 0) return known;
  for (const userId of missing) {
    for (let attempt = 0; attempt < 20; attempt++) {
      if (await insertAlias(db, { offering, assignment, userId, alias: aliasFrom((n) => randomInt(n)) })) break;
      // Either this student got one concurrently (stop) or the name is taken (draw again).
      const now = await listAliases(db, assignment, offering);
      if (now.some((a) => a.userId === userId)) break;
    }
  }
  return new Map((await listAliases(db, assignment, offering)).map((a) => [a.userId, a.alias]));
}
