/** Runs once when the Next server starts: opens the database (applying migrations) before the first request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDbHandle } = await import("./db/client");
  const handle = await getDbHandle();
  console.log(`[unlabeled] database ready: ${handle.description}`);
}
