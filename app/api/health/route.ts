import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db/client";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const handle = await getDbHandle();
    await handle.db.execute(sql`select 1`);
    return Response.json({ ok: true, database: handle.kind });
  } catch (err) {
    console.error("[health]", err);
    return Response.json({ ok: false, error: "database unavailable" }, { status: 503 });
  }
}
