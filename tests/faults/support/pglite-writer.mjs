// Child process for pglite-kill.test.ts: commits numbered rows into a PGlite folder forever, printing "ok N" after
// each commit returns, until it is killed.
import { PGlite } from "@electric-sql/pglite";

const db = new PGlite(process.argv[2]);
await db.waitReady;
await db.exec("create table if not exists t (i int primary key, pad text not null)");
let i = (await db.query("select coalesce(max(i), 0)::int as m from t")).rows[0].m;
process.stdout.write(`start ${i}\n`);
for (;;) {
  i++;
  await db.query("insert into t values ($1::int, repeat(md5($1::int::text), 64))", [i]);
  process.stdout.write(`ok ${i}\n`);
}
