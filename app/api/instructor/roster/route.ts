import { getDb } from "@/db/client";
import { getActor } from "@/lib/auth/current-user";
import { authorize } from "@/lib/context";
import { errorResponse, readJson } from "@/lib/http";
import { importRoster } from "@/lib/rosters/import-roster";

/** `{ csv, dryRun, confirmGoodRows, setRoles? }` → the import report (docs/rosters.md). */
export async function POST(request: Request): Promise<Response> {
  try {
    // Refuse TAs and students before reading the body.
    const actor = authorize(await getActor(), "instructor");
    const input = await readJson(request, 2_100_000);
    return Response.json(await importRoster({ ctx: { db: await getDb(), actor }, input }), {
      headers: { "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
