import "server-only";
import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { offeringContentDir } from "./offering-course";

/**
 * For pages: the folder of the course package the viewer's active offering runs, or undefined for the default
 * package (visitors, and everyone in an offering of it), which the content readers default to.
 */
export async function activeContentDir(): Promise<string | undefined> {
  const actor = await getActor().catch(() => null);
  if (!actor?.offering || actor.offering === "default") return undefined;
  return offeringContentDir(await getDb(), actor.offering);
}
